package io.datamapper.query;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One connection set up by the privilege and transaction layers (those switched on), for one or a
 * few statements. Closing it rolls back and discards the connection — it never goes back to the
 * pool, so nothing a statement did to its session (a setting, a lock, a role) can outlive it. Not
 * thread-safe, except {@link Cancellation#cancel()} from another thread.
 */
final class GuardedSession implements AutoCloseable {
  private final DataSource dataSource;
  private final Connection connection;
  private final Set<Layer> layers;
  private final TransactionGuard transaction;

  private GuardedSession(
      DataSource dataSource,
      Connection connection,
      Set<Layer> layers,
      TransactionGuard transaction) {
    this.dataSource = dataSource;
    this.connection = connection;
    this.layers = layers;
    this.transaction = transaction;
  }

  /**
   * Opens a session; a refusal of the privilege or transaction layer is thrown with {@code sql} for
   * the message.
   */
  static GuardedSession open(
      DataSource dataSource,
      Set<Layer> layers,
      PrivilegeGuard privilege,
      TransactionGuard transaction,
      String sql)
      throws SQLException {
    if (layers.contains(Layer.PRIVILEGE)) {
      try (Connection owner = dataSource.getConnection()) {
        privilege.prepare(owner, sql);
      }
    }
    Connection c = dataSource.getConnection();
    try {
      boolean tx = layers.contains(Layer.TRANSACTION);
      if (tx) transaction.begin(c, sql);
      else c.setAutoCommit(true);
      if (layers.contains(Layer.PRIVILEGE)) privilege.enter(c, sql, tx);
      if (tx) transaction.verify(c, sql);
      return new GuardedSession(dataSource, c, layers, transaction);
    } catch (RuntimeException e) {
      discard(dataSource, c);
      throw e;
    }
  }

  /**
   * Runs {@code sql} and reads at most {@code maxRows} rows of its first result (none for a
   * statement without rows).
   */
  Rows query(String sql, int maxRows, Cancellation cancellation) throws SQLException {
    try (Statement s = statement(maxRows)) {
      cancellation.running(s);
      try {
        boolean rows = s.execute(sql);
        while (!rows && s.getUpdateCount() != -1) rows = s.getMoreResults();
        if (!rows) return Rows.NONE;
        try (var rs = s.getResultSet()) {
          return Rows.read(rs, maxRows);
        }
      } finally {
        cancellation.finished();
      }
    }
  }

  /**
   * Like {@link #query} but a failure is undone to a savepoint so the session goes on; null when it
   * failed.
   */
  Rows tryQuery(String sql, int maxRows) {
    Savepoint sp = null;
    try {
      if (!connection.getAutoCommit()) sp = connection.setSavepoint();
      Rows rows = query(sql, maxRows, new Cancellation());
      if (sp != null) connection.releaseSavepoint(sp);
      return rows;
    } catch (SQLException e) {
      try {
        if (sp != null) connection.rollback(sp);
      } catch (SQLException ignored) {
        // the session is unusable; the next query fails too and the caller goes on without
      }
      return null;
    }
  }

  private Statement statement(int maxRows) throws SQLException {
    if (layers.contains(Layer.TRANSACTION)) return transaction.statement(connection, maxRows);
    Statement s = connection.createStatement();
    s.setEscapeProcessing(false);
    s.setMaxRows(maxRows + 1);
    return s;
  }

  @Override
  public void close() {
    try {
      if (!connection.getAutoCommit()) transaction.end(connection);
    } catch (SQLException ignored) {
      // a broken connection has no transaction left to roll back; it is discarded below
    }
    discard(dataSource, connection);
  }

  private static void discard(DataSource dataSource, Connection c) {
    if (dataSource instanceof HikariDataSource hikari) {
      // closes the physical connection at once (we hold it) and forgets it; closing the proxy after
      // that would fail
      hikari.evictConnection(c);
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing to keep
    }
  }
}
