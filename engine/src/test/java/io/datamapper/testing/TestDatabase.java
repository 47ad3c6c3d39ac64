package io.datamapper.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL (zonky embedded, 18.x binaries) shared by every test in the JVM, started on
 * first use and stopped by a shutdown hook. Tests isolate themselves with {@link
 * #freshSchema(String)}. Thread-safe.
 */
public final class TestDatabase {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile EmbeddedPostgres pg;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgres server() {
    if (pg == null) {
      try {
        pg =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
    return pg;
  }

  public static DataSource dataSource() {
    return server().getPostgresDatabase();
  }

  /** JDBC URL with user, as a user would pass it to {@code --db}. */
  public static String jdbcUrl() {
    return server().getJdbcUrl("postgres", "postgres");
  }

  /** Creates an empty schema with a unique name starting with {@code prefix}. */
  public static String freshSchema(String prefix) {
    String name =
        prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + SCHEMAS.incrementAndGet();
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name);
    return name;
  }

  public static void execute(String sql) {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query and returns the rows as ordered column-name to value maps. */
  public static List<Map<String, Object>> query(String sql) {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public static long count(String table) {
    return ((Number) query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
  }
}
