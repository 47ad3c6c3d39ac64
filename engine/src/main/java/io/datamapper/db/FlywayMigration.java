package io.datamapper.db;

import io.datamapper.DataMapperException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The Flyway run, in its own class so Flyway's classes load only when a migration is due. */
final class FlywayMigration {
  private FlywayMigration() {}

  static void run(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas(Migrations.SCHEMA)
          .createSchemas(true)
          // migration numbers are reserved per feature branch, so a database may have seen a
          // higher one (V5) before a lower one (V3) lands: apply the lower one late
          .outOfOrder(true)
          .locations("classpath:io/datamapper/db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new DataMapperException(
          "Cannot create or upgrade the datamapper schema: " + e.getMessage(), e);
    }
  }
}
