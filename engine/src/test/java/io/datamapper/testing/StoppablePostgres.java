package io.datamapper.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL of a test's own that it can stop and start again — on the same data directory and
 * port, so clients that hold its URL reconnect to the same data — for fault tests. Never the shared
 * {@link TestDatabase}. Stopping is {@code pg_ctl stop -m fast}: sessions are terminated, as an
 * administrator's restart does. Not thread-safe.
 */
public final class StoppablePostgres implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres pg;

  private StoppablePostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Initialises a data directory in {@code dataDir} and starts PostgreSQL on a free loopback port.
   */
  public static StoppablePostgres start(Path dataDir) {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StoppablePostgres p = new StoppablePostgres(dataDir, port);
    p.start();
    return p;
  }

  /** Starts it (again); the data is what it was when it stopped. */
  public void start() {
    if (pg != null) return;
    try {
      Files.createDirectories(dataDir);
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
    }
  }

  /** Stops it, ending every session (fast shutdown). */
  public void stop() {
    if (pg == null) return;
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pg = null;
    }
  }

  /** The JDBC URL with user, as a user passes it to {@code --db}; valid across restarts. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** The first column of the first row of {@code sql}. */
  public Object queryOne(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
