package io.datamapper.cli;

import io.datamapper.db.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --db} and {@code --data-dir}, shared by every command. Precedence: {@code --db}, then
 * {@code DATAMAPPER_DB_URL}, then the embedded PostgreSQL in {@code --data-dir}, {@code
 * DATAMAPPER_DATA_DIR} or {@code ~/.datamapper/pgdata}.
 */
public final class DbOptions {
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "PostgreSQL to use, e.g. jdbc:postgresql://localhost:5432/mydb?user=me "
              + "(default: $DATAMAPPER_DB_URL, else the embedded PostgreSQL)")
  String url;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory of the embedded PostgreSQL (default: $DATAMAPPER_DATA_DIR or ~/.datamapper/pgdata)")
  Path dataDir;

  public Database open() {
    return Database.open(resolvedUrl(), embeddedDir());
  }

  /** The external PostgreSQL's URL: {@code --db}, else {@code DATAMAPPER_DB_URL}; null for none. */
  String resolvedUrl() {
    return url != null ? url : System.getenv("DATAMAPPER_DB_URL");
  }

  /** Opens the external PostgreSQL at {@code url} (not blank), as {@link #open()} would. */
  static Database openUrl(String url) {
    return Database.open(url, null);
  }

  Path embeddedDir() {
    if (dataDir != null) return dataDir.toAbsolutePath();
    String env = System.getenv("DATAMAPPER_DATA_DIR");
    if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
    return Path.of(System.getProperty("user.home"), ".datamapper", "pgdata");
  }
}
