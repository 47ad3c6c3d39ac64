package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --no-auth answers direct local callers only: a request a reverse proxy forwarded is refused. */
class NoAuthProxyTest {
  private static OwnServer node;

  @BeforeAll
  static void start() {
    node = OwnServer.start("noauth", false, "--datamapper.no-auth=true");
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @Test
  void without_keys_a_direct_local_caller_is_served_and_a_proxied_one_is_refused() {
    Http local = node.http(null);
    assertThat(local.get("/tables").status()).isEqualTo(200);
    assertThat(local.get("/actuator/prometheus").status()).isEqualTo(200);

    for (String[] header :
        new String[][] {
          {"X-Forwarded-For", "203.0.113.7"},
          {"Forwarded", "for=203.0.113.7;proto=https"},
          {"X-Real-IP", "203.0.113.7"}
        }) {
      Http.Response r = local.send(local.builder("/tables").header(header[0], header[1]).GET());
      assertThat(r.status()).as(header[0]).isEqualTo(403);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("detail").asString())
          .contains("runs without keys", "direct local callers", "use API keys", header[0]);
    }
    String mapping =
        "{\"target\": {\"schema\": \"public\", \"table\": \"proxied\"}, \"columns\": [{\"source\": \"id\", \"type\": \"bigint\"}]}";
    Http.Response upload =
        local.send(
            local
                .builder("/map-data")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\nid\n1\n\r\n--b\r\nContent-Disposition: "
                            + "form-data; name=\"mapping\"\r\n\r\n"
                            + mapping
                            + "\r\n--b--\r\n")));
    assertThat(upload.status()).isEqualTo(403);
    assertThat(node.query("SELECT to_regclass('public.proxied') AS t").get(0).get("t")).isNull();
  }
}
