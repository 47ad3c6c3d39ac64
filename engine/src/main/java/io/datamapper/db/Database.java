package io.datamapper.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.datamapper.DataMapperException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL that Data Mapper works with: an external server given by a JDBC URL, or the
 * embedded one (started on demand, data kept under the user's home). Opening a {@code Database}
 * runs the {@code datamapper} schema migrations. Closing it closes the pool and stops an embedded
 * server this process started. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final EmbeddedServer embedded;
  private final String description;

  private Database(HikariDataSource pool, EmbeddedServer embedded, String description) {
    this.pool = pool;
    this.embedded = embedded;
    this.description = description;
  }

  /**
   * Opens the database named by {@code jdbcUrl}, or the embedded one in {@code embeddedDir} when
   * the URL is null or blank.
   */
  public static Database open(String jdbcUrl, Path embeddedDir) {
    return open(jdbcUrl, embeddedDir, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * As {@link #open(String, Path)}, waiting at most {@code connectionTimeout} for a connection from
   * the pool: while PostgreSQL is unreachable, that is how long a caller waits before {@link
   * DatabaseUnavailableException}.
   */
  public static Database open(String jdbcUrl, Path embeddedDir, Duration connectionTimeout) {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) return external(jdbcUrl, connectionTimeout);
    return embedded(embeddedDir, connectionTimeout);
  }

  /** How long a caller waits for a connection from the pool by default. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Connects to an existing PostgreSQL server; credentials may be in the URL or PGUSER/PGPASSWORD.
   */
  public static Database external(String url) {
    return external(url, DEFAULT_CONNECTION_TIMEOUT);
  }

  private static Database external(String url, Duration connectionTimeout) {
    String jdbcUrl = toJdbc(url);
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new DataMapperException(
          "--db must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/db?user=me, not '"
              + redact(jdbcUrl)
              + "'");
    }
    HikariConfig config = config(jdbcUrl, connectionTimeout);
    if (!jdbcUrl.contains("user=") && System.getenv("PGUSER") != null)
      config.setUsername(System.getenv("PGUSER"));
    if (!jdbcUrl.contains("password=") && System.getenv("PGPASSWORD") != null)
      config.setPassword(System.getenv("PGPASSWORD"));
    return start(config, null, redact(jdbcUrl));
  }

  /** Starts (or attaches to) the embedded PostgreSQL whose data lives in {@code dataDir}. */
  public static Database embedded(Path dataDir) {
    return embedded(dataDir, DEFAULT_CONNECTION_TIMEOUT);
  }

  private static Database embedded(Path dataDir, Duration connectionTimeout) {
    EmbeddedServer server = EmbeddedServer.start(dataDir);
    try {
      return start(
          config(server.jdbcUrl(), connectionTimeout), server, "embedded PostgreSQL in " + dataDir);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static HikariConfig config(String url, Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("datamapper");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(0);
    // Hikari reads it once, when the pool starts
    config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
    // one attempt when the pool starts: a wrong --db fails at once instead of after
    // connectionTimeout
    config.setInitializationFailTimeout(1);
    config.addDataSourceProperty("ApplicationName", "datamapper");
    return config;
  }

  private static Database start(HikariConfig config, EmbeddedServer server, String description) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message = "Cannot connect to " + description + ": " + cause.getMessage();
      // unreachable is the environment's fault (try again later); a refused login or a missing
      // database is the settings'
      if (DatabaseUnavailableException.isConnectionFailure(e))
        throw new DatabaseUnavailableException(message, e);
      throw new DataMapperException(message, e);
    }
    Migrations.migrate(pool);
    return new Database(pool, server, description);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Where the data is, without credentials. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) embedded.close();
  }

  /**
   * Accepts libpq-style URLs too ({@code postgresql://user:secret@host:5432/db?sslmode=require}, as
   * psql and most hosting providers give them) and turns them into JDBC URLs; JDBC URLs pass
   * unchanged.
   */
  static String toJdbc(String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) return url;
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(
          "--db: '" + redact(url) + "' is not a valid URL: " + e.getMessage());
    }
    StringBuilder jdbc =
        new StringBuilder("jdbc:postgresql://")
            .append(uri.getHost() == null ? "localhost" : uri.getHost());
    if (uri.getPort() > 0) jdbc.append(':').append(uri.getPort());
    String db =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    jdbc.append('/').append(db);
    List<String> params = new ArrayList<>();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      params.add("user=" + parts[0]);
      if (parts.length > 1) params.add("password=" + parts[1]);
    }
    if (uri.getRawQuery() != null) params.add(uri.getRawQuery());
    if (!params.isEmpty()) jdbc.append('?').append(String.join("&", params));
    return jdbc.toString();
  }

  /** Removes passwords from a JDBC URL for messages and logs. */
  public static String redact(String url) {
    return url == null
        ? null
        : url.replaceAll("(?i)(password=)[^&;]*", "$1***")
            .replaceAll("//([^/@:]+):([^/@]+)@", "//$1:***@");
  }
}
