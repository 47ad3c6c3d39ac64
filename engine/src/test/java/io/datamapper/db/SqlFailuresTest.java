package io.datamapper.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.Blame;
import io.datamapper.DataMapperException;
import io.datamapper.InternalException;
import io.datamapper.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's refusals sorted by whose fault they are, with real errors from a real PostgreSQL.
 */
class SqlFailuresTest {

  private static SQLException refusal(String sql) {
    try (Connection c = TestDatabase.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("PostgreSQL accepted " + sql);
  }

  @Test
  void a_statement_data_mapper_wrote_that_postgresql_refuses_is_a_bug_answered_500_and_exit_2() {
    DataMapperException e =
        SqlFailures.internal("Cannot read datamapper.imports", refusal("SELEC 1"));

    assertThat(e).isInstanceOf(InternalException.class);
    assertThat(e.blame()).isEqualTo(Blame.BUG);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.problemType()).isEqualTo("internal");
    assertThat(e.blame().exitCode()).isEqualTo(2);
    assertThat(e.getMessage()).startsWith("Cannot read datamapper.imports: ");
  }

  @Test
  void
      a_missing_table_or_a_bad_value_in_the_users_statement_is_the_inputs_fault_answered_400_and_exit_1() {
    DataMapperException missing =
        SqlFailures.onInput(
            "Cannot read public.nope", refusal("SELECT * FROM public.sql_failures_nope"));
    DataMapperException badValue = SqlFailures.onInput("Cannot read", refusal("SELECT 'x'::int"));

    for (DataMapperException e : new DataMapperException[] {missing, badValue}) {
      assertThat(e).isNotInstanceOf(InternalException.class);
      assertThat(e.blame()).isEqualTo(Blame.INPUT);
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.blame().exitCode()).isEqualTo(1);
    }
  }

  @Test
  void a_refusal_of_the_users_statement_that_is_not_about_its_content_is_still_a_bug() {
    DataMapperException e =
        SqlFailures.onInput("Cannot read public.t", new SQLException("internal error", "XX000"));

    assertThat(e.blame()).isEqualTo(Blame.BUG);
  }

  @Test
  void
      postgresql_unreachable_is_the_environments_fault_answered_503_and_exit_3_from_either_kind_of_statement() {
    SQLException down =
        new SQLTransientConnectionException(
            "Connection is not available, request timed out after 2000ms.");

    for (DataMapperException e :
        new DataMapperException[] {
          SqlFailures.internal("Cannot read datamapper.imports", down),
          SqlFailures.onInput("Cannot read public.t", down)
        }) {
      assertThat(e).isInstanceOf(DatabaseUnavailableException.class);
      assertThat(e.blame()).isEqualTo(Blame.ENVIRONMENT);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.problemType()).isEqualTo("database-unavailable");
      assertThat(e.blame().exitCode()).isEqualTo(3);
      assertThat(e.getMessage()).contains("PostgreSQL is unreachable");
    }
  }
}
