package io.datamapper.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which raw paths have more than one spelling (refused) and which are plain (let through to
 * routing).
 */
class PathFirewallTest {

  @Test
  void ambiguous_spellings_are_refused() {
    for (String path :
        new String[] {
          "/map-data;x=1",
          "/imports;x/15",
          "/map-data%3bx",
          "/imports%2F15",
          "/imports%2f15",
          "/a\\b",
          "/imports%5C15",
          "/%2561ctuator",
          "//map-data",
          "/imports//15",
          "/./map-data",
          "/x/../map-data",
          "/imports/..",
          "/%2e%2e/actuator",
          "/map-data%00",
          "/map%0Adata",
          "/map-data%7F"
        }) {
      assertThat(PathFirewall.refusal(path)).as(path).isNotNull();
    }
  }

  @Test
  void plain_paths_and_harmless_encodings_pass_to_routing() {
    for (String path :
        new String[] {
          "/map-data",
          "/imports/15",
          "/tables/public.orders",
          "/mapping.schema.json",
          "/%61ctuator/health",
          "/map%2Ddata",
          "/tables/caf%C3%A9",
          "/docs/index.html",
          "/",
          "/tasks/0b5f…"
        }) {
      assertThat(PathFirewall.refusal(path)).as(path).isNull();
    }
  }
}
