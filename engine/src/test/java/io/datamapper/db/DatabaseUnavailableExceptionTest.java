package io.datamapper.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.DataMapperException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures say that PostgreSQL is unreachable (the environment's fault) rather than refusing
 * a statement.
 */
class DatabaseUnavailableExceptionTest {

  @Test
  void connection_failures_shutdowns_and_pool_timeouts_are_the_database_being_unreachable() {
    for (String state :
        new String[] {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
      assertThat(DatabaseUnavailableException.isConnectionFailure(new SQLException("x", state)))
          .as(state)
          .isTrue();
    }
    assertThat(
            DatabaseUnavailableException.isConnectionFailure(
                new SQLTransientConnectionException(
                    "datamapper - Connection is not available, request timed out after 15000ms.")))
        .isTrue();
  }

  @Test
  void they_are_found_behind_wrapping_exceptions_and_in_next_exceptions() {
    SQLException batch = new SQLException("batch failed", "XX000");
    batch.setNextException(
        new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    DataMapperException wrapped = new DataMapperException("Cannot read datamapper.imports", batch);

    SQLException found =
        DatabaseUnavailableException.connectionFailure(new RuntimeException(wrapped));

    assertThat(found == null ? null : found.getSQLState()).isEqualTo("08006");
  }

  @Test
  void refused_statements_and_logins_are_not() {
    for (String state : new String[] {"23505", "42P01", "28P01", "3D000", "57014", "22P02"}) {
      assertThat(DatabaseUnavailableException.isConnectionFailure(new SQLException("x", state)))
          .as(state)
          .isFalse();
    }
    assertThat(
            DatabaseUnavailableException.isConnectionFailure(new DataMapperException("a bad file")))
        .isFalse();
    assertThat(DatabaseUnavailableException.isConnectionFailure(null)).isFalse();
  }
}
