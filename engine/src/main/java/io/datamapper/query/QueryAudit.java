package io.datamapper.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one row per question or statement into {@code datamapper.queries}: as the connecting user
 * on a pooled connection of its own, after the statement's read-only transaction ended. A failure
 * to write is logged, never hides the answer. Thread-safe.
 */
final class QueryAudit {
  private static final Logger log = LoggerFactory.getLogger(QueryAudit.class);
  private final DataSource dataSource;
  private final String client;

  /** What happened to one question or statement. */
  record Entry(
      String question,
      String sql,
      String verdict,
      Layer layer,
      String reason,
      Integer rowCount,
      boolean truncated,
      long durationMs,
      String model,
      int attempts) {}

  QueryAudit(DataSource dataSource, String client) {
    this.dataSource = dataSource;
    this.client = client;
  }

  void record(Entry e) {
    String sql =
        "INSERT INTO datamapper.queries (client, question, sql, verdict, layer, reason, row_count, truncated, duration_ms, model, attempts) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (!c.getAutoCommit()) c.setAutoCommit(true);
      ps.setString(1, client);
      ps.setString(2, e.question());
      ps.setString(3, e.sql());
      ps.setString(4, e.verdict());
      ps.setString(5, e.layer() == null ? null : e.layer().label());
      ps.setString(6, e.reason() == null ? null : cut(e.reason()));
      if (e.rowCount() == null) ps.setNull(7, Types.BIGINT);
      else ps.setLong(7, e.rowCount());
      ps.setBoolean(8, e.truncated());
      ps.setLong(9, e.durationMs());
      ps.setString(10, e.model());
      ps.setInt(11, e.attempts());
      ps.executeUpdate();
    } catch (SQLException ex) {
      log.warn("Cannot record the query in datamapper.queries: {}", ex.getMessage());
    }
  }

  private static String cut(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
  }
}
