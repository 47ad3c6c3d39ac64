package io.datamapper.query;

import io.datamapper.DataMapperException;

/**
 * PostgreSQL could not run a statement the guard let through (an unknown column, a type error, a
 * division by zero): the SQL's fault. For questions it is what is left after the model's repairs;
 * {@link #sqlState()} is PostgreSQL's error code.
 */
public final class QueryFailedException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private final String sql;
  private final String sqlState;
  private final int attempts;

  public QueryFailedException(
      String message, String sql, String sqlState, int attempts, Throwable cause) {
    super(message, cause);
    this.sql = sql;
    this.sqlState = sqlState;
    this.attempts = attempts;
  }

  public String sql() {
    return sql;
  }

  public String sqlState() {
    return sqlState;
  }

  public int attempts() {
    return attempts;
  }

  QueryFailedException afterAttempts(int n) {
    return new QueryFailedException(getMessage(), sql, sqlState, n, getCause());
  }
}
