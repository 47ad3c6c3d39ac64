package io.datamapper.db;

import io.datamapper.DataMapperException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Creates and upgrades Data Mapper's own tables in the {@code datamapper} schema (Flyway). */
public final class Migrations {
  public static final String SCHEMA = "datamapper";

  private Migrations() {}

  public static void migrate(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas(SCHEMA)
          .createSchemas(true)
          .locations("classpath:io/datamapper/db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new DataMapperException("Cannot create or upgrade the datamapper schema: " + e.getMessage(), e);
    }
  }
}
