package io.datamapper.server;

import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A bare IllegalArgumentException or IllegalStateException reaching the API is a bug (500, no stack
 * in the body); a name the user got wrong is still the user's (400), because the engine turns it
 * into a DataMapperException at the boundary.
 */
class BareExceptionsTest {
  @Test
  void a_table_name_that_does_not_parse_is_still_a_400_naming_the_problem() {
    Http.Response r =
        Http.as(READER_KEY)
            .get("/tables/" + URLEncoder.encode("\"unclosed", StandardCharsets.UTF_8));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).contains("quote is not closed");
  }

  @Test
  void a_bad_table_for_an_object_import_is_still_a_400() {
    Http.Response r =
        Http.as(IMPORTER_KEY)
            .postJson(
                "/map-b2-data",
                "{\"bucket\": \"exports\", \"key\": \"a.csv\", \"table\": \"\\\"unclosed\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asString()).startsWith("table: ");
  }
}
