package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.Conformance;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every csv-spectrum file imports to exactly the rows of its JSON twin (all columns text). */
class CsvSpectrumTest {

  @BeforeAll
  static void migrate() {
    Migrations.migrate(TestDatabase.dataSource());
  }

  static Stream<Path> files() throws IOException {
    return Conformance.files("csv-spectrum/csvs", ".csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void imports_exactly_the_rows_of_the_json_twin(Path csv) throws IOException {
    String name = csv.getFileName().toString().replace(".csv", "");
    List<Map<String, String>> expected = expected(name);
    List<String> header = expected.isEmpty() ? List.of() : List.copyOf(expected.get(0).keySet());
    List<String> columns = Identifiers.uniqueSnakeCase(header);
    List<ColumnSpec> specs = new ArrayList<>();
    for (int i = 0; i < header.size(); i++)
      specs.add(ColumnSpec.of(header.get(i), columns.get(i), ColumnType.TEXT));
    String schema = TestDatabase.freshSchema("spectrum");
    Mapping mapping =
        new Mapping(
            SourceSpec.csv(CsvOptions.defaults(), null),
            new TargetSpec(schema, name, true, null),
            specs,
            List.of(),
            Policies.defaults().withDuplicateFile(Policies.DuplicateFile.ALLOW));

    ImportSummary summary =
        Importer.builder()
            .dataSource(TestDatabase.dataSource())
            .build()
            .run(ImportRequest.of(ImportSource.of(csv), mapping));

    assertThat(summary.rowsInserted()).isEqualTo(expected.size());
    List<Map<String, Object>> rows =
        TestDatabase.query("SELECT * FROM " + schema + "." + name + " ORDER BY ctid");
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < header.size(); c++) {
        assertThat(rows.get(r).get(columns.get(c)))
            .as("row %d, field %s", r + 1, header.get(c))
            .isEqualTo(expected.get(r).get(header.get(c)));
      }
    }
  }

  /** The JSON twin, except where the conformance README says to trust the CSV. */
  private static List<Map<String, String>> expected(String name) throws IOException {
    if (name.equals("location_coordinates")) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("Contact Phone Number", "2095257564");
      row.put("Location Coordinates", "37\uFFFD36'37.8\"N 121\uFFFD2'17.9\"W");
      row.put("Cities", "Modesto");
      row.put("Counties", "Stanislaus");
      return List.of(row);
    }
    JsonNode json =
        JsonMapper.builder()
            .build()
            .readTree(
                Files.readString(
                    Conformance.root().resolve("csv-spectrum/json/" + name + ".json")));
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode row : json.values()) {
      Map<String, String> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : row.properties())
        m.put(e.getKey(), e.getValue().asString());
      rows.add(m);
    }
    return rows;
  }
}
