package io.datamapper.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The third layer: every statement runs in a {@code READ ONLY} transaction that is always rolled
 * back, with {@code statement_timeout}, {@code lock_timeout} and {@code
 * idle_in_transaction_session_timeout} set for that transaction only; rows are fetched through a
 * cursor (fetch size with autocommit off) and no more than the cap are read, so a huge result never
 * fills memory. Even a superuser cannot write, create or lock a table in such a transaction,
 * sequences do not move, and a statement that runs too long is stopped by the server. Stateless;
 * thread-safe.
 */
public final class TransactionGuard {
  private static final int FETCH_SIZE = 256;
  private final QuerySettings settings;

  public TransactionGuard(QuerySettings settings) {
    this.settings = settings;
  }

  /** Starts the read-only transaction on {@code c} (autocommit off) with this layer's timeouts. */
  public void begin(Connection c, String sql) {
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION READ ONLY");
        s.execute("SET LOCAL statement_timeout = " + settings.statementTimeout().toMillis());
        s.execute("SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis());
        s.execute(
            "SET LOCAL idle_in_transaction_session_timeout = " + settings.idleTimeout().toMillis());
        // the parse layer reads strings as PostgreSQL does with this on (the default since 9.1)
        s.execute("SET LOCAL standard_conforming_strings = on");
      }
    } catch (SQLException e) {
      throw new QueryRefusedException(
          Layer.TRANSACTION, "cannot start a read-only transaction: " + e.getMessage(), sql, e);
    }
  }

  /** Confirms the transaction is read-only before the statement runs (fail closed). */
  public void verify(Connection c, String sql) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('transaction_read_only')")) {
      if (!rs.next() || !"on".equals(rs.getString(1))) {
        throw new QueryRefusedException(Layer.TRANSACTION, "the transaction is not read-only", sql);
      }
    } catch (SQLException e) {
      throw new QueryRefusedException(
          Layer.TRANSACTION,
          "cannot confirm the transaction is read-only: " + e.getMessage(),
          sql,
          e);
    }
  }

  /**
   * A statement that fetches through a cursor: {@code FETCH_SIZE} rows at a time, one more than the
   * cap at most.
   */
  Statement statement(Connection c, int maxRows) throws SQLException {
    Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    s.setEscapeProcessing(false);
    s.setFetchSize(Math.min(FETCH_SIZE, maxRows + 1));
    s.setMaxRows(maxRows + 1);
    return s;
  }

  /** Ends the transaction: always a rollback, whatever ran. */
  public void end(Connection c) throws SQLException {
    c.rollback();
  }

  QuerySettings settings() {
    return settings;
  }
}
