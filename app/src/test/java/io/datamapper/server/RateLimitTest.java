package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token bucket per key: over the limit is a 429 problem with Retry-After; other keys and health
 * are not affected.
 */
class RateLimitTest {
  private static OwnServer node;

  @BeforeAll
  static void start() {
    node =
        OwnServer.start(
            "rates",
            true,
            "--datamapper.rate-limit.requests-per-second=1",
            "--datamapper.rate-limit.burst=3");
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @Test
  void a_key_over_its_rate_gets_429_with_retry_after_while_other_keys_and_health_go_on() {
    Http busy = node.http(OwnServer.READER);
    Http.Response limited = null;
    int answered = 0;
    for (int i = 0; i < 10 && limited == null; i++) {
      Http.Response r = busy.get("/tables");
      if (r.status() == 429) limited = r;
      else answered++;
    }
    assertThat(limited).as("a 429 within 10 quick requests").isNotNull();
    assertThat(answered).isBetween(3, 9);
    assertThat(limited.contentType()).startsWith("application/problem+json");
    assertThat(limited.json().get("type").asString()).endsWith("/rate-limited");
    assertThat(limited.json().get("detail").asString())
        .contains("datamapper.rate-limit.requests-per-second");
    assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 2L);

    assertThat(node.http(OwnServer.IMPORTER).get("/tables").status()).isEqualTo(200);
    for (int i = 0; i < 10; i++)
      assertThat(node.http(null).get("/actuator/health").status()).isEqualTo(200);
  }
}
