package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.query.QuerySettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --max-rows} and {@code --timeout}, shared by {@code ask} and {@code console}. */
public final class QueryOptions {
  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "" + QuerySettings.DEFAULT_MAX_ROWS,
      description =
          "Rows to read at most; more are not fetched and the answer says it was cut (default: ${DEFAULT-VALUE})")
  int maxRows;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "PostgreSQL statement_timeout for each statement, in seconds (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  QuerySettings settings() {
    if (timeoutSeconds < 1)
      throw new DataMapperException("--timeout must be at least 1 second, not " + timeoutSeconds);
    try {
      return QuerySettings.defaults()
          .withMaxRows(maxRows)
          .withStatementTimeout(Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new DataMapperException("--max-rows: " + e.getMessage());
    }
  }
}
