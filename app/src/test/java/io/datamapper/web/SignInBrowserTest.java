package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.server.TestServer;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in to the web UI in a real Chromium: keys, the session cookie, roles enforced by the
 * server, CSRF, log out.
 */
class SignInBrowserTest {
  private static Browser browser;
  @TempDir Path dir;
  private String testName;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser(TestServer.baseUrl());
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) browser.close();
  }

  @BeforeEach
  void setUp(TestInfo info) {
    testName = info.getTestMethod().orElseThrow().getName();
    browser.signOut();
  }

  @AfterEach
  void cleanSession() {
    browser.screenshot(getClass().getSimpleName() + "/" + testName);
    browser.assertCleanSession();
  }

  @Test
  void the_ui_asks_for_a_key_refuses_a_wrong_one_and_signs_in_with_the_right_one() {
    browser.open("/ui/tables");
    browser.waiting(20).until(d -> d.getCurrentUrl().contains("/ui/login"));
    assertThat(browser.find("#key").getDomAttribute("type")).isEqualTo("password");
    browser.assertAssetsAreLocal();

    browser.type("#key", "dm_not_a_key_at_all");
    browser.find("form.stack button[type=submit]").click();
    assertThat(browser.waitFor("#login-error").getText()).contains("This API key is not valid");

    String tokenBefore = browser.find("meta[name=csrf-token]").getDomAttribute("content");
    String sessionBefore = browser.sessionCookie().getValue();
    browser.type("#key", TestServer.IMPORTER_KEY);
    browser.find("form.stack button[type=submit]").click();
    browser.waiting(20).until(d -> d.getCurrentUrl().endsWith("/ui/tables"));
    assertThat(browser.find(".who").getText()).contains("importer");
    for (String label : new String[] {"Import", "Imports", "Tables", "Console"}) {
      assertThat(browser.driver().findElements(By.linkText(label))).as(label).hasSize(1);
    }

    // a new session id and a new CSRF token once signed in: what was known before is worth nothing
    assertThat(browser.find("meta[name=csrf-token]").getDomAttribute("content"))
        .isNotEqualTo(tokenBefore);
    assertThat(browser.sessionCookie().getValue()).isNotEqualTo(sessionBefore);
    Cookie session = browser.sessionCookie();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(browser.script("return document.cookie")).isEqualTo("");
  }

  @Test
  void the_session_opens_no_api_endpoint_the_api_still_wants_its_key() {
    browser.signIn(TestServer.ADMIN_KEY);

    assertThat(browser.fetch("GET", "/tables", Map.of(), null)).startsWith("401 ");
    assertThat(browser.fetch("GET", "/imports", Map.of(), null)).startsWith("401 ");
  }

  @Test
  void a_reader_sees_no_import_or_undo_controls_and_the_server_refuses_its_forged_import(
      @TempDir Path tmp) throws IOException {
    String schema = TestDatabase.freshSchema("webr");
    browser.signIn(TestServer.READER_KEY);
    Path file = tmp.resolve("people.csv");
    Files.writeString(file, "id,name\n1,Ada\n2,Alan\n", StandardCharsets.UTF_8);

    browser.open("/");
    assertThat(browser.find("#reader-note").getText()).contains("reader key");
    browser.find("#file").sendKeys(file.toString());
    browser.waitFor("#sample");
    assertThat(browser.all("#import")).isEmpty();
    assertThat(browser.all("#dry-run")).isEmpty();

    // the same request the Import button sends, forged in the page with the session's CSRF token
    String csrf = browser.find("meta[name=csrf-token]").getDomAttribute("content");
    String mapping =
        String.valueOf(
            browser.script(
                "return document.querySelector('#mapping-form input[name=mapping]').value"));
    String draft =
        String.valueOf(
            browser.script(
                "return document.querySelector('#mapping-form input[name=draft]').value"));
    String body =
        "action=import&table="
            + schema
            + ".forged&draft="
            + draft
            + "&mapping="
            + java.net.URLEncoder.encode(mapping, StandardCharsets.UTF_8);
    String answer =
        browser.fetch(
            "POST",
            "/ui/import/run",
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-CSRF-Token",
                csrf,
                "HX-Request",
                "true"),
            body);
    assertThat(answer).startsWith("403 ").contains("needs an importer key");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".forged') AS t")
                .getFirst()
                .get("t"))
        .isNull();

    // and no Undo on an import's page; a forged undo is refused too
    long id =
        Importer.builder()
            .dataSource(TestDatabase.dataSource())
            .build()
            .run(
                ImportRequest.of(
                    ImportSource.of(file),
                    MappingReader.parse(
                        "target: { schema: \""
                            + schema
                            + "\", table: loaded }\ncolumns: [{ source: id, type: bigint }]",
                        "test")))
            .importId();
    browser.open("/ui/imports/" + id);
    browser.waitFor("#rejects");
    assertThat(browser.all("#undo")).isEmpty();
    assertThat(
            browser.fetch(
                "POST", "/ui/imports/" + id + "/undo", Map.of("X-CSRF-Token", csrf), null))
        .startsWith("403 ");
    assertThat(TestDatabase.count(schema + ".loaded")).isEqualTo(2);
  }

  @Test
  void a_form_posted_without_the_csrf_token_is_refused() {
    browser.signIn(TestServer.IMPORTER_KEY);
    browser.open("/ui/imports");

    String withoutToken = browser.fetch("POST", "/ui/imports/1/undo", Map.of(), null);
    String wrongToken =
        browser.fetch("POST", "/ui/imports/1/undo", Map.of("X-CSRF-Token", "forged"), null);
    String signOutWithoutToken = browser.fetch("POST", "/ui/logout", Map.of(), null);

    assertThat(withoutToken).startsWith("403 ").contains("CSRF");
    assertThat(wrongToken).startsWith("403 ").contains("CSRF");
    assertThat(signOutWithoutToken).startsWith("403 ");
    browser.open("/ui/imports");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/ui/imports");
  }

  @Test
  void log_out_ends_the_session() {
    browser.signIn(TestServer.IMPORTER_KEY);
    String before = browser.sessionCookie().getValue();

    browser.find("#logout").click();

    browser.waiting(20).until(d -> d.getCurrentUrl().contains("/ui/login"));
    browser.open("/ui/imports");
    assertThat(browser.driver().getCurrentUrl()).contains("/ui/login");
    // the old session id is worth nothing now
    browser.driver().manage().deleteAllCookies();
    browser
        .driver()
        .manage()
        .addCookie(
            new Cookie.Builder("DATAMAPPER_SESSION", before).path("/").isHttpOnly(true).build());
    browser.open("/ui/tables");
    assertThat(browser.driver().getCurrentUrl()).contains("/ui/login");
  }
}
