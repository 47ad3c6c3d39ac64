package io.datamapper.server.limits;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Connections for the read endpoints (tables, imports, tasks, audit): each one a read-only
 * transaction with {@code SET LOCAL statement_timeout} ({@code datamapper.statement-timeout}), so
 * no read can write or run for ever. Closing the connection ends the transaction (the pool rolls
 * back what is not committed, which for reads is nothing) and restores its settings.
 */
@Component
public class ReadConnections {
  private final DataSource dataSource;
  private final Duration timeout;

  public ReadConnections(DataSource pool, ServerLimits limits) {
    this.timeout = limits.statementTimeout();
    this.dataSource = new ReadOnly(pool, timeout.toMillis());
  }

  /** A DataSource whose connections are read-only transactions under the statement timeout. */
  public DataSource dataSource() {
    return dataSource;
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout} (or a cancel
   * request).
   */
  public static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "57014".equals(s.getSQLState())) return true;
    }
    return false;
  }

  private record ReadOnly(DataSource pool, long timeoutMillis) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return prepare(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return prepare(pool.getConnection(user, password));
    }

    private Connection prepare(Connection c) throws SQLException {
      try {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
          // LOCAL: ends with the transaction, so the pooled connection never keeps it
          s.execute("SET LOCAL statement_timeout = " + timeoutMillis);
        }
        return c;
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return pool.isWrapperFor(iface);
    }
  }
}
