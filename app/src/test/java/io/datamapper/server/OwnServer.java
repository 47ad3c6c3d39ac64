package io.datamapper.server;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process server with settings of its own (tiny limits, --no-auth), on a database of its own
 * on the tests' PostgreSQL, so its job queue, tasks and audit are not shared with {@link
 * TestServer}. Keys: {@link #READER}, {@link #IMPORTER}, {@link #ADMIN} (unless the settings say
 * --no-auth).
 */
final class OwnServer implements AutoCloseable {
  static final String READER = "dm_own_reader_key_0123456789abcdef";
  static final String IMPORTER = "dm_own_importer_key_0123456789abcdef";
  static final String IMPORTER_2 = "dm_own_importer_2_key_0123456789abcdef";
  static final String ADMIN = "dm_own_admin_key_0123456789abcdef";
  final Server server;
  final String jdbcUrl;
  final Path staging;

  private OwnServer(Server server, String jdbcUrl, Path staging) {
    this.server = server;
    this.jdbcUrl = jdbcUrl;
    this.staging = staging;
  }

  static OwnServer start(String name, boolean withKeys, String... settings) {
    String db = "dm_" + name + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    String url = TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
    Path staging;
    try {
      staging = Files.createTempDirectory("dm-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--datamapper.db-url=" + url,
                "--datamapper.staging-dir=" + staging,
                "--datamapper.node=" + name,
                "--logging.level.root=WARN"));
    if (withKeys) {
      args.add(
          "--datamapper.api-keys=reader:"
              + ApiKeys.sha256(READER)
              + ",importer:"
              + ApiKeys.sha256(IMPORTER)
              + ",importer:"
              + ApiKeys.sha256(IMPORTER_2)
              + ",admin:"
              + ApiKeys.sha256(ADMIN));
    }
    args.addAll(List.of(settings));
    return new OwnServer(Server.start(Map.of(), args.toArray(String[]::new)), url, staging);
  }

  Http http(String key) {
    return new Http("http://127.0.0.1:" + server.port(), key);
  }

  <T> T bean(Class<T> type) {
    return server.context().getBean(type);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  List<Map<String, Object>> query(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
