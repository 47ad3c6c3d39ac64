package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.DataMapperException;
import io.datamapper.InternalException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.format.BadFileException;
import io.datamapper.mapping.MappingException;
import io.datamapper.storage.ObjectStoreException;
import io.datamapper.storage.ObjectStoreException.Kind;
import io.datamapper.storage.SourceNotAllowedException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/**
 * Failures as problem details by whose fault they are: a wrong name is the caller's (422), the
 * store's refusal or failure a gateway's (502), a source the operator did not allow is 403, and
 * PostgreSQL unreachable is the environment's (503), however it surfaced.
 */
class ProblemsTest {

  @Test
  void a_missing_bucket_or_object_is_422_with_its_url() {
    ProblemDetail p =
        Problems.of(
            new ObjectStoreException(
                Kind.NOT_FOUND, "b2://b/k.csv", "There is no object b2://b/k.csv", null));

    assertThat(p.getStatus()).isEqualTo(422);
    assertThat(p.getType().toString()).endsWith("/no-such-object");
    assertThat(p.getProperties()).containsEntry("url", "b2://b/k.csv");
  }

  @Test
  void refused_credentials_and_an_unreachable_store_are_502() {
    for (Kind kind : new Kind[] {Kind.ACCESS_DENIED, Kind.UNAVAILABLE}) {
      ProblemDetail p =
          Problems.of(
              new ObjectStoreException(
                  kind, "s3://b/k.csv", "Access to s3://b/k.csv was refused", null));

      assertThat(p.getStatus()).as(kind.name()).isEqualTo(502);
      assertThat(p.getType().toString()).endsWith("/object-store");
    }
  }

  @Test
  void a_source_outside_the_allowed_hosts_or_buckets_is_403_with_its_url() {
    ProblemDetail p =
        Problems.of(
            new SourceNotAllowedException(
                "b2://secrets/k.csv", "Refused to import b2://secrets/k.csv: ..."));

    assertThat(p.getStatus()).isEqualTo(403);
    assertThat(p.getType().toString()).endsWith("/source-not-allowed");
    assertThat(p.getProperties()).containsEntry("url", "b2://secrets/k.csv");
  }

  @Test
  void postgresql_unreachable_is_503_whether_named_or_found_behind_another_error() {
    ProblemDetail named =
        Problems.of(
            new DatabaseUnavailableException(
                "The database became unreachable while importing a.csv", null));
    ProblemDetail wrapped =
        Problems.of(
            new DataMapperException(
                "Cannot read datamapper.imports: timed out",
                new SQLTransientConnectionException(
                    "datamapper - Connection is not available, request timed out after 2000ms.")));
    ProblemDetail refused =
        Problems.of(
            new DataMapperException(
                "Cannot read datamapper.imports", new SQLException("no such table", "42P01")));

    assertThat(named.getStatus()).isEqualTo(503);
    assertThat(named.getType().toString()).endsWith("/database-unavailable");
    assertThat(named.getDetail())
        .isEqualTo("The database became unreachable while importing a.csv");
    assertThat(wrapped.getStatus()).isEqualTo(503);
    assertThat(wrapped.getDetail())
        .isEqualTo(
            "PostgreSQL is unreachable; try again shortly. (Cannot read datamapper.imports: timed out)");
    assertThat(refused.getStatus()).isEqualTo(400);
  }

  @Test
  void a_bug_is_500_with_a_detail_that_says_so_and_no_stack() {
    ProblemDetail p =
        Problems.of(
            new InternalException(
                "Cannot read datamapper.imports: ERROR: syntax error",
                new SQLException("ERROR: syntax error", "42601")));

    assertThat(p.getStatus()).isEqualTo(500);
    assertThat(p.getType().toString()).endsWith("/internal");
    assertThat(p.getDetail())
        .startsWith("Internal error (a bug in Data Mapper; the server log has the details): ")
        .doesNotContain("\tat ")
        .doesNotContain("SQLException");
  }

  @Test
  void every_user_error_keeps_its_status_type_and_title() {
    ProblemDetail refused = Problems.of(new DataMapperException("no"));
    ProblemDetail mapping =
        Problems.of(new MappingException(java.util.List.of("column x: unknown type")));
    ProblemDetail file = Problems.of(new BadFileException("a.csv: line 3 is broken"));

    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getType().toString()).endsWith("/refused");
    assertThat(refused.getTitle()).isEqualTo("Import refused");
    assertThat(mapping.getStatus()).isEqualTo(422);
    assertThat(mapping.getType().toString()).endsWith("/bad-mapping");
    assertThat(file.getStatus()).isEqualTo(422);
    assertThat(file.getTitle()).isEqualTo("The file cannot be read");
  }
}
