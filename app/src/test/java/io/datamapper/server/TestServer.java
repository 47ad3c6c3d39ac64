package io.datamapper.server;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One in-process server for the HTTP tests, on 127.0.0.1 and a free port, against the tests'
 * embedded PostgreSQL; started on first use and stopped when the test JVM exits. Uploads are
 * limited to 16 MB here so the oversize case is cheap to test (big files are gzipped).
 */
public final class TestServer {
  public static final String READER_KEY = "dm_test_reader_key_0123456789abcdef";
  public static final String IMPORTER_KEY = "dm_test_importer_key_0123456789abcdef";
  public static final String ADMIN_KEY = "dm_test_admin_key_0123456789abcdef";
  public static final long UPLOAD_LIMIT = 16 << 20;
  private static Server server;
  private static Path staging;

  private TestServer() {}

  public static synchronized String baseUrl() {
    if (server == null) {
      try {
        staging = Files.createTempDirectory("dm-staging");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String keys =
          "reader:"
              + ApiKeys.sha256(READER_KEY)
              + ",importer:"
              + ApiKeys.sha256(IMPORTER_KEY)
              + ",admin:"
              + ApiKeys.sha256(ADMIN_KEY);
      server =
          Server.start(
              Map.of(),
              "--server.port=0",
              "--server.address=127.0.0.1",
              "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
              "--datamapper.api-keys=" + keys,
              "--datamapper.staging-dir=" + staging,
              "--datamapper.node=test-node",
              "--datamapper.cors-origins=http://ui.example",
              "--spring.servlet.multipart.max-file-size=" + UPLOAD_LIMIT,
              "--spring.servlet.multipart.max-request-size=" + (UPLOAD_LIMIT + 65536),
              "--server.tomcat.max-swallow-size=64MB",
              "--logging.level.root=WARN");
      Server started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return "http://127.0.0.1:" + server.port();
  }

  static Server server() {
    baseUrl();
    return server;
  }

  public static Path stagingDir() {
    baseUrl();
    return staging;
  }
}
