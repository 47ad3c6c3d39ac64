package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Detection for the formats whose readers name the fields: JSON, XML, Excel (real files). */
class FormatDetectionTest {
  private static final Path RESOURCES = Path.of("src/test/resources");

  @Test
  void an_excel_sheet_with_a_title_above_and_notes_below_gets_its_header_row_and_last_row() {
    Detection d = Detector.detect(RESOURCES.resolve("excel/deaths.xlsx"));

    assertThat(d.mapping().source().format()).isEqualTo(Format.EXCEL);
    assertThat(d.mapping().source().excel().sheet()).isEqualTo("arts");
    assertThat(d.mapping().source().excel().headerRow()).isEqualTo(5);
    assertThat(d.mapping().source().excel().lastRow()).isEqualTo(15);
    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::name, ColumnSpec::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("name", ColumnType.TEXT),
                org.assertj.core.groups.Tuple.tuple("profession", ColumnType.TEXT),
            org.assertj.core.groups.Tuple.tuple("age", ColumnType.BIGINT),
                org.assertj.core.groups.Tuple.tuple("has_kids", ColumnType.BOOLEAN),
            org.assertj.core.groups.Tuple.tuple("date_of_birth", ColumnType.DATE),
                org.assertj.core.groups.Tuple.tuple("date_of_death", ColumnType.DATE));
    assertThat(d.notes())
        .anySatisfy(
            n -> assertThat(n.message()).contains("rows 16–19 below the table look like notes"));
  }

  @Test
  void a_geojson_file_gets_its_records_path_and_flattened_typed_fields() {
    Detection d = Detector.detect(RESOURCES.resolve("json/loaders-gl-bart-stations.geojson"));

    assertThat(d.mapping().source().format()).isEqualTo(Format.JSON);
    assertThat(d.mapping().source().json().recordsPath()).isEqualTo("features");
    assertThat(d.mapping().columns())
        .anySatisfy(
            c -> {
              assertThat(c.source()).isEqualTo("geometry.coordinates");
              assertThat(c.type()).isEqualTo(ColumnType.JSONB);
            });
    assertThat(d.mapping().columns())
        .anySatisfy(
            c -> {
              assertThat(c.source()).isEqualTo("properties.latitude");
              assertThat(c.type()).isIn(ColumnType.NUMERIC, ColumnType.DOUBLE);
            });
  }

  @Test
  void an_rss_feed_gets_its_item_element() {
    Detection d = Detector.detect(RESOURCES.resolve("xml/rome-rss_2.0.xml"));

    assertThat(d.mapping().source().format()).isEqualTo(Format.XML);
    assertThat(d.mapping().source().xml().recordPath()).isEqualTo("/rss/channel/item");
    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::source)
        .contains("title", "link", "category");
  }

  @Test
  void detected_mappings_of_every_format_read_back_unchanged() {
    for (String file :
        new String[] {
          "excel/deaths.xlsx",
          "excel/type-me.xls",
          "json/loaders-gl-points.ndjson",
          "xml/rome-atom_1.0.xml"
        }) {
      Detection d = Detector.detect(RESOURCES.resolve(file));

      assertThat(MappingReader.parse(MappingWriter.toYaml(d.mapping()), file))
          .as(file)
          .isEqualTo(d.mapping());
    }
  }

  @Test
  void a_csv_with_a_title_above_the_table_skips_it() {
    String csv =
        "Sales report generated 2024-05-01\n\nregion,month,revenue,units\nNorth,2024-01,\"1,234.50\",12\n"
            + "South,2024-01,987.00,8\nNorth,2024-02,\"2,001.00\",20\n";

    Detection d =
        Detector.detect(
            new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "titled.csv");

    assertThat(d.mapping().source().csv().skipRows()).isEqualTo(2);
    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::source)
        .containsExactly("region", "month", "revenue", "units");
    assertThat(d.mapping().columns().get(2).type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(d.notes())
        .anySatisfy(n -> assertThat(n.message()).contains("stand above the table"));
  }

  @Test
  void ragged_rows_in_the_middle_are_not_taken_for_a_title() {
    String csv = "a,b,c\n1,2,3\n4,5\n6,7,8\n";

    Detection d =
        Detector.detect(
            new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "r.csv");

    assertThat(d.mapping().source().csv().skipRows()).isZero();
  }

  @Test
  void columns_without_a_header_or_values_are_left_out() {
    String csv = "name,qty,,\nA,1,,\nB,2,,\n";

    Detection d =
        Detector.detect(
            new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "t.csv");

    assertThat(d.mapping().columns()).extracting(ColumnSpec::source).containsExactly("name", "qty");
    assertThat(d.notes())
        .extracting(Note::message)
        .contains(
            "2 columns have neither a header nor values in the sample: left out of the mapping")
        .noneMatch(m -> m.contains("column_2"));
  }

  @Test
  void a_json_object_that_is_sometimes_null_gives_only_its_members() {
    String json = "[{\"id\":1,\"address\":{\"city\":\"Paris\"}},{\"id\":2,\"address\":null}]";

    Detection d =
        Detector.detect(
            new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "j.json");

    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::source)
        .containsExactly("id", "address.city");
  }

  @Test
  void huge_fields_in_the_first_rows_do_not_leave_detection_without_rows() {
    StringBuilder csv = new StringBuilder("id,blob,amount\n");
    for (int i = 1; i <= 30; i++)
      csv.append(i).append(',').append("x".repeat(200_000)).append(',').append(i).append(".5\n");

    Detection d =
        Detector.detect(
            new java.io.ByteArrayInputStream(
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "big.csv");

    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::type)
        .containsExactly(ColumnType.BIGINT, ColumnType.TEXT, ColumnType.NUMERIC);
  }
}
