package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document names the schema of every JSON response body, not a bare object. */
class OpenApiResponsesTest {
  private final JsonNode openapi = Http.as(null).get("/openapi.json").json();

  private JsonNode okSchema(String path, String method) {
    JsonNode content =
        openapi.get("paths").get(path).get(method).get("responses").get("200").get("content");
    assertThat(content).as(method + " " + path + " has a 200 body").isNotNull();
    return content.properties().iterator().next().getValue().get("schema");
  }

  private static String ref(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? null : ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
  }

  @Test
  void table_pages_stats_schema_undo_audit_and_detect_answers_are_named_schemas() {
    assertThat(ref(okSchema("/tables/{name}", "get"))).isEqualTo("RowPage");
    assertThat(ref(okSchema("/tables/{name}/stats", "get"))).isEqualTo("TableStats");
    assertThat(ref(okSchema("/tables/{name}/schema", "get"))).isEqualTo("TableDefinition");
    assertThat(ref(okSchema("/imports/{id}", "delete"))).isEqualTo("UndoResponse");
    assertThat(ref(okSchema("/detect-mapping", "post"))).isEqualTo("DetectedMapping");
    assertThat(ref(okSchema("/audit", "get").get("items"))).isEqualTo("AuditEntry");
    assertThat(ref(okSchema("/map-data", "post"))).isEqualTo("ImportSummary");
    List<String> b2 = new ArrayList<>();
    okSchema("/map-b2-data", "post").get("oneOf").forEach(s -> b2.add(ref(s)));
    assertThat(b2).containsExactlyInAnyOrder("ImportSummary", "PrefixImportResult");
    JsonNode stats = openapi.get("components").get("schemas").get("TableStats");
    assertThat(ref(stats.get("properties").get("imports"))).isEqualTo("TableImports");
  }

  @Test
  void no_json_response_body_is_an_untyped_object() {
    List<String> untyped = new ArrayList<>();
    openapi
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          JsonNode ok = op.getValue().path("responses").path("200").path("content");
                          JsonNode json = ok.path("application/json").path("schema");
                          if (json.isMissingNode()) json = ok.path("*/*").path("schema");
                          if (json.isMissingNode()) return;
                          boolean bare =
                              json.path("type").asString("").equals("object")
                                  && !json.has("properties")
                                  && !json.has("$ref");
                          if (bare) untyped.add(op.getKey() + " " + path.getKey());
                        }));
    assertThat(untyped).isEmpty();
  }
}
