package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web UI over plain HTTP: without keys no sign-in (but CSRF all the same), the session cookie's
 * flags, the pages' headers.
 */
class WebUiServerTest {

  @Test
  void without_keys_on_loopback_the_ui_opens_without_signing_in_and_still_checks_csrf() {
    try (OwnServer own = OwnServer.start("webnoauth", false, "--datamapper.no-auth=true")) {
      Http http = own.http(null);

      Http.Response page = http.get("/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .contains(
              "<h1>Import a file</h1>",
              ">Import</a>",
              ">Imports</a>",
              ">Tables</a>",
              ">Console</a>")
          .contains("Local use without keys")
          .doesNotContain("Log out");
      assertThat(http.get("/ui/login").raw().headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/"));

      // a page of another site posting to this keyless server gets nothing done: there is no
      // session token to send
      Http.Response forged =
          http.send(http.builder("/ui/imports/1/undo").POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.body()).contains("CSRF");
    }
  }

  @Test
  void with_keys_the_ui_asks_for_one_and_its_pages_forbid_framing_and_foreign_code() {
    Http http = new Http(TestServer.baseUrl(), null);

    Http.Response root = http.get("/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.raw().headers().firstValue("Location").orElseThrow()).endsWith("/ui/login");
    Http.Response login = http.get("/ui/login");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("type=\"password\"");
    var headers = login.raw().headers();
    assertThat(headers.firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
    List<String> cookies = headers.allValues("Set-Cookie");
    assertThat(cookies)
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("DATAMAPPER_SESSION=")
                    .contains("HttpOnly", "SameSite=Strict")
                    .doesNotContain("Secure"));
    // the API answers as before: the UI's session is not a key
    assertThat(http.get("/tables").status()).isEqualTo(401);
  }

  @Test
  void behind_an_https_proxy_the_session_cookie_is_secure() {
    try (OwnServer own =
        OwnServer.start("websecure", true, "--server.forward-headers-strategy=native")) {
      Http http = own.http(null);
      Http.Response login =
          http.send(http.builder("/ui/login").header("X-Forwarded-Proto", "https").GET());

      assertThat(login.raw().headers().allValues("Set-Cookie"))
          .anySatisfy(
              c ->
                  assertThat(c)
                      .startsWith("DATAMAPPER_SESSION=")
                      .contains("Secure", "HttpOnly", "SameSite=Strict"));
    }
  }
}
