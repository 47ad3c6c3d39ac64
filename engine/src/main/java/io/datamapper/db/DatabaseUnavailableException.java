package io.datamapper.db;

import io.datamapper.EnvironmentException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * PostgreSQL could not be reached or dropped the connection: a connection failure (SQLState class
 * {@code 08}), an administrator or crash shutdown ({@code 57P01}, {@code 57P02}), a server still
 * starting ({@code 57P03}), too many connections ({@code 53300}) or no connection from the pool in
 * time. Nothing was written by the statement that failed; the same import run again once the
 * database is back converges (an import is one transaction).
 */
public final class DatabaseUnavailableException extends EnvironmentException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether {@code t} or one of its causes says the database is unreachable (rather than refusing a
   * statement).
   */
  public static boolean isConnectionFailure(Throwable t) {
    return connectionFailure(t) != null;
  }

  /**
   * The failure in {@code t}'s cause chain that says the database is unreachable, or null. Walks
   * causes and the next exceptions of {@link SQLException}s (a batch or COPY failure hides the
   * cause there).
   */
  public static SQLException connectionFailure(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
      if (e instanceof SQLException sql) {
        for (SQLException s = sql;
            s != null && (s == sql || seen.put(s, Boolean.TRUE) == null);
            s = s.getNextException()) {
          if (unreachable(s)) return s;
        }
      }
    }
    return null;
  }

  private static boolean unreachable(SQLException e) {
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException) return true;
    String state = e.getSQLState();
    if (state == null) return false;
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300");
  }

  @Override
  public String problemType() {
    return "database-unavailable";
  }

  @Override
  public String title() {
    return "The database is unreachable";
  }
}
