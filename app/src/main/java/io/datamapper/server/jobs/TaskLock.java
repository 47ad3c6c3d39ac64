package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A session advisory lock held while a node runs a task, on a connection of its own. Heartbeats can
 * be missed by a node that is alive but starved (long GC, overloaded machine); then db-scheduler
 * revives its task elsewhere while the first run goes on. The lock closes that gap: it lives
 * exactly as long as the running node's PostgreSQL session, so a revived run proceeds only once the
 * first run has ended or its process has died. Not thread-safe.
 */
final class TaskLock implements AutoCloseable {
  private static final String KEY_SQL = "hashtextextended(?, 6)";
  private final Connection connection;
  private final String key;

  private TaskLock(Connection connection, String key) {
    this.connection = connection;
    this.key = key;
  }

  /** The lock, or null when another session holds it (the task is still running somewhere). */
  static TaskLock tryAcquire(DataSource dataSource, UUID task) {
    String key = "datamapper.task:" + task;
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY_SQL + ")")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) return new TaskLock(c, key);
        }
      }
      c.close();
      return null;
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // reported below
        }
      }
      throw new DataMapperException("Cannot lock task " + task + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (connection;
        PreparedStatement ps =
            connection.prepareStatement("SELECT pg_advisory_unlock(" + KEY_SQL + ")")) {
      ps.setString(1, key);
      ps.execute();
    } catch (SQLException ignored) {
      // closing the connection ends the session and its locks anyway
    }
  }
}
