package io.datamapper.web;

import io.datamapper.server.TestServer;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser tests of the import-side pages share: one Chromium per test class signed in with
 * an importer key, a fresh schema per test, a screenshot of each test's last page under {@code
 * target/screenshots/}, and no JavaScript error or foreign request at the end.
 */
abstract class SignedInBrowserTest {
  static Browser browser;
  @TempDir Path dir;
  String schema;
  private String testName;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser(TestServer.baseUrl());
    browser.signIn(TestServer.IMPORTER_KEY);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) browser.close();
  }

  @BeforeEach
  void setUp(TestInfo info) {
    schema = TestDatabase.freshSchema(schemaPrefix());
    testName = info.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void cleanSession() {
    browser.screenshot(getClass().getSimpleName() + "/" + testName);
    browser.assertCleanSession();
  }

  /** The prefix of each test's schema name. */
  abstract String schemaPrefix();

  Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
