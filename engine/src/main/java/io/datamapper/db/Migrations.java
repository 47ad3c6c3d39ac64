package io.datamapper.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates and upgrades Data Mapper's own tables in the {@code datamapper} schema (Flyway). When the
 * schema is already at {@link #LATEST_VERSION}, one query decides that and Flyway is not even
 * loaded: it costs about half a second of start-up, which every CLI run would pay.
 */
public final class Migrations {
  public static final String SCHEMA = "datamapper";

  /**
   * The highest {@code V<n>__*.sql} in {@code io/datamapper/db/migration} (a test keeps this
   * honest).
   */
  public static final int LATEST_VERSION = 15;

  /**
   * How many migration files there are (a test keeps this honest too): the schema is current only
   * when all of them are applied, so a version that lands out of order (numbers are handed out per
   * feature branch) is not missed.
   */
  public static final int MIGRATION_COUNT = 12;

  private Migrations() {}

  public static void migrate(DataSource dataSource) {
    if (isCurrent(dataSource)) return;
    FlywayMigration.run(dataSource);
  }

  static boolean isCurrent(DataSource dataSource) {
    String sql =
        "SELECT coalesce(max(version::int), 0), count(DISTINCT version) FROM "
            + SCHEMA
            + ".flyway_schema_history WHERE success AND version IS NOT NULL";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet exists =
          s.executeQuery(
              "SELECT to_regclass('" + SCHEMA + ".flyway_schema_history') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) return false;
      }
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getInt(1) >= LATEST_VERSION && rs.getInt(2) >= MIGRATION_COUNT;
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read the datamapper schema version", e);
    }
  }
}
