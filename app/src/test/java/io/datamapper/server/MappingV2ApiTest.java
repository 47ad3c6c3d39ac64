package io.datamapper.server;

import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mapping v2 over HTTP: a filter's count in the summary, and a bad expression as a 422 naming
 * column and position.
 */
class MappingV2ApiTest {
  private final Http importer = Http.as(IMPORTER_KEY);
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("apiv2");
  }

  private static final String PEOPLE = "id,name,amount\n1,Ada,10.50\n2,Alan,3\n3,Grace,7.25\n";

  @Test
  void map_data_with_an_expression_and_a_filter_reports_rows_filtered() {
    String mapping =
        """
        {"target": {"schema": "%s", "table": "people"}, "filter": "amount > 5.0",
         "columns": [{"source": "id", "type": "bigint"}, {"source": "name"}, {"source": "amount", "type": "numeric(10,2)"},
                     {"name": "label", "expr": "name + ' #' + string(id)"}]}
        """
            .formatted(schema);

    Http.Response r = importer.upload("/map-data", "people.csv", PEOPLE, mapping);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode s = r.json();
    assertThat(s.get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(s.get("rowsFiltered").asLong()).isEqualTo(1);
    assertThat(s.get("rowsSkipped").asLong()).isZero();
    JsonNode listed = importer.get("/imports/" + s.get("importId").asLong()).json();
    assertThat(listed.get("rowsSkipped").asLong()).isZero();
    assertThat(TestDatabase.query("SELECT label FROM " + schema + ".people ORDER BY id"))
        .extracting(m -> m.get("label"))
        .containsExactly("Ada #1", "Grace #3");
  }

  @Test
  void a_mapping_whose_expression_does_not_compile_is_422_naming_the_column_and_position() {
    String mapping =
        """
        {"target": {"schema": "%s", "table": "t"},
         "columns": [{"source": "id", "type": "bigint"}, {"name": "twice", "type": "bigint", "expr": "id * 'x'"}]}
        """
            .formatted(schema);

    Http.Response r = importer.upload("/map-data", "people.csv", PEOPLE, mapping);

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().get("problems").get(0).asString())
        .startsWith("column 'twice': expression \"id * 'x'\" at line 1, column 4");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".t') IS NULL AS gone")
                .getFirst()
                .get("gone"))
        .isEqualTo(true);
  }
}
