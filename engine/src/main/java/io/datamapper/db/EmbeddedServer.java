package io.datamapper.db;

import io.datamapper.DataMapperException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded PostgreSQL (zonky binaries from Maven Central). The data directory persists between
 * runs. When another Data Mapper process already runs a server on the same data directory, this one
 * attaches to it instead of starting a second one (and leaves it running on close).
 */
final class EmbeddedServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final int port;

  private EmbeddedServer(EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  static EmbeddedServer start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Integer running = runningPort(dataDir);
      if (running != null) return new EmbeddedServer(null, running);
      Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", "128MB")
              .setServerConfig("max_wal_size", "2GB")
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedServer(pg, pg.getPort());
    } catch (IOException e) {
      throw new DataMapperException(
          "Cannot start the embedded PostgreSQL in "
              + dataDir
              + ": "
              + e.getMessage()
              + " (see "
              + dataDir
              + ".log; or give --db / DATAMAPPER_DB_URL for an existing server)",
          e);
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new DataMapperException(
          "Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The port of a live postmaster on this data directory, from its postmaster.pid. */
  private static Integer runningPort(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isReadable(pidFile)) return null;
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 4) return null;
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() {
    if (postgres == null) return;
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
