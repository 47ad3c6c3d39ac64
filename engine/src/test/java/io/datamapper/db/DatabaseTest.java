package io.datamapper.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void accepts_libpq_urls_as_psql_and_hosting_providers_write_them() {
    assertThat(Database.toJdbc("postgresql://me:s3cret@db.example.com:6543/sales?sslmode=require"))
        .isEqualTo(
            "jdbc:postgresql://db.example.com:6543/sales?user=me&password=s3cret&sslmode=require");
    assertThat(Database.toJdbc("postgres://localhost/"))
        .isEqualTo("jdbc:postgresql://localhost/postgres");
    assertThat(Database.toJdbc("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void never_shows_a_password_in_messages() {
    assertThat(Database.redact("jdbc:postgresql://h/db?user=me&password=s3cret"))
        .doesNotContain("s3cret");
    assertThat(Database.redact("postgresql://me:s3cret@h/db")).doesNotContain("s3cret");
    assertThatThrownBy(() -> Database.external("mysql://me:s3cret@h/db"))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("PostgreSQL JDBC URL")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void opens_an_external_server_and_creates_the_datamapper_schema() {
    try (Database db = Database.external(TestDatabase.jdbcUrl())) {
      assertThat(Migrations.isCurrent(db.dataSource())).isTrue();
      assertThat(db.description()).startsWith("jdbc:postgresql://");
    }
  }

  @Test
  void a_server_that_does_not_answer_is_a_clear_error() {
    assertThatThrownBy(
            () -> Database.external("jdbc:postgresql://127.0.0.1:1/x?user=u&connectTimeout=2"))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("Cannot connect to jdbc:postgresql://127.0.0.1:1/x");
  }
}
