package io.datamapper.query;

import java.time.Duration;

/**
 * How the console runs SQL.
 *
 * @param maxRows rows returned at most (more are not fetched; the result says {@code truncated})
 * @param statementTimeout PostgreSQL's {@code statement_timeout} for each statement
 * @param lockTimeout PostgreSQL's {@code lock_timeout}: a read never waits long behind an import's
 *     lock
 * @param promptChars the schema description sent to the model is cut at about this many characters
 * @param readerRole the NOLOGIN role statements run under ({@code SET LOCAL ROLE})
 */
public record QuerySettings(
    int maxRows,
    Duration statementTimeout,
    Duration lockTimeout,
    int promptChars,
    String readerRole) {
  public static final int DEFAULT_MAX_ROWS = 1_000;
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_READER_ROLE = "datamapper_reader";

  public QuerySettings {
    if (maxRows < 1 || maxRows > 1_000_000)
      throw new IllegalArgumentException(
          "max rows must be between 1 and 1,000,000, not " + maxRows);
    if (statementTimeout == null || statementTimeout.isNegative() || statementTimeout.isZero()) {
      throw new IllegalArgumentException("the statement timeout must be positive");
    }
    if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero())
      throw new IllegalArgumentException("the lock timeout must be positive");
    if (promptChars < 1_000)
      throw new IllegalArgumentException("the prompt needs at least 1,000 characters");
    if (readerRole == null || !readerRole.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "the reader role must be a lower-case SQL name, not '" + readerRole + "'");
    }
  }

  public static QuerySettings defaults() {
    return new QuerySettings(
        DEFAULT_MAX_ROWS,
        DEFAULT_STATEMENT_TIMEOUT,
        Duration.ofSeconds(5),
        16_000,
        DEFAULT_READER_ROLE);
  }

  public QuerySettings withMaxRows(int rows) {
    return new QuerySettings(rows, statementTimeout, lockTimeout, promptChars, readerRole);
  }

  public QuerySettings withStatementTimeout(Duration timeout) {
    return new QuerySettings(maxRows, timeout, lockTimeout, promptChars, readerRole);
  }

  public QuerySettings withReaderRole(String role) {
    return new QuerySettings(maxRows, statementTimeout, lockTimeout, promptChars, role);
  }

  /** A session idle this long inside the transaction (a stalled client) is ended by the server. */
  Duration idleTimeout() {
    return statementTimeout.plusSeconds(30);
  }
}
