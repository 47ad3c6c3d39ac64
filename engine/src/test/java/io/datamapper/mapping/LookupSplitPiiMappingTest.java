package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mapping v2 lookups, split, hash and mask as the reader, the writer and the JSON Schema see them.
 */
class LookupSplitPiiMappingTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = schema();

  private static JsonSchema schema() {
    try (InputStream in =
        LookupSplitPiiMappingTest.class.getResourceAsStream(
            "/io/datamapper/mapping/mapping.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String V2 =
      """
      target: { table: orders }
      keys: [order_no]
      columns:
        - { source: Number, name: order_no, type: integer }
        - { name: customer_id, type: bigint, lookup: { table: sales.customers, match: { email: Email, region: Region }, return: id, missing: insert } }
        - { name: shop_id, type: bigint, lookup: { table: shops, match: { code: Shop }, return: id, missing: "null" } }
        - { source: Name, transform: [trim], split: { separator: " ", into: [first_name, last_name] } }
        - { source: Email, name: email_hash, transform: [lower, { hash: { saltEnv: DATAMAPPER_GOLDEN_SALT } }] }
        - { source: Card, name: card, transform: [{ mask: { keep: 4 } }] }
      """;

  @Test
  void lookups_splits_and_pii_steps_validate_and_round_trip_through_the_writer()
      throws IOException {
    Mapping read = MappingReader.parse(V2, "v2.yaml");

    assertThat(SCHEMA.validate(YAML.readTree(V2))).isEmpty();
    assertThat(SCHEMA.validate(YAML.readTree(MappingWriter.toYaml(read)))).isEmpty();
    assertThat(MappingReader.parse(MappingWriter.toYaml(read), "again.yaml")).isEqualTo(read);
    assertThat(MappingReader.parse(MappingWriter.toJson(read), "again.json")).isEqualTo(read);
    Lookup customer = read.columns().get(1).lookup();
    assertThat(customer.schema()).isEqualTo("sales");
    assertThat(customer.match())
        .containsExactly(
            java.util.Map.entry("email", "Email"), java.util.Map.entry("region", "Region"));
    assertThat(customer.missing()).isEqualTo(Lookup.Missing.INSERT);
    assertThat(read.columns().get(2).lookup().missing()).isEqualTo(Lookup.Missing.NULL);
    assertThat(read.columns().stream().map(ColumnSpec::name))
        .containsExactly(
            "order_no", "customer_id", "shop_id", "first_name", "last_name", "email_hash", "card");
    assertThat(read.sourceFieldsInLookups()).containsExactly("Email", "Region", "Shop");
  }

  @Test
  void a_split_keeps_the_rest_in_its_last_column_and_leaves_missing_parts_null() {
    Mapping read = MappingReader.parse(V2, "v2.yaml");
    ColumnSpec first = read.columns().get(3);
    ColumnSpec last = read.columns().get(4);

    assertThat(apply(first, "  John Ronald Tolkien ")).isEqualTo("John");
    assertThat(apply(last, "  John Ronald Tolkien ")).isEqualTo("Ronald Tolkien");
    assertThat(apply(first, "Cher")).isEqualTo("Cher");
    assertThat(apply(last, "Cher")).isNull();
    assertThat(apply(last, null)).isNull();
  }

  @Test
  void hash_is_salted_sha256_hex_and_the_salt_never_shows() {
    Mapping read = MappingReader.parse(V2, "v2.yaml");
    ColumnSpec hashed = read.columns().get(5);

    // sha256("golden-salt" + "ada@example.com"), the salt set by the build for the tests
    assertThat(apply(hashed, "Ada@Example.com"))
        .isEqualTo("66e2caead13c5f00a26d23bc998ba75639b9947e3adca0ff3f22b8da7320ffaf");
    assertThat(hashed.toString()).contains("DATAMAPPER_GOLDEN_SALT").doesNotContain("golden-salt");
    assertThat(MappingWriter.toYaml(read)).doesNotContain("golden-salt");
  }

  @Test
  void mask_keeps_the_last_characters() {
    Transform mask = new Transform.Mask(4);

    assertThat(mask.apply("4111111111111234")).isEqualTo("************1234");
    assertThat(mask.apply("123")).isEqualTo("123");
    assertThat(mask.apply("ü€😀abcd")).isEqualTo("***abcd");
    assertThat(new Transform.Mask(0).apply("abc")).isEqualTo("***");
    assertThat(mask.apply(null)).isNull();
  }

  @Test
  void a_missing_salt_variable_is_a_mapping_problem_naming_the_variable() {
    String yaml =
        """
        target: { table: t }
        columns:
          - { source: Email, transform: [{ hash: { saltEnv: DATAMAPPER_SURELY_UNSET_SALT } }] }
          - { source: Card, transform: [{ mask: { keep: -1 } }] }
        """;

    assertThatThrownBy(() -> MappingReader.parse(yaml, "m.yaml"))
        .isInstanceOf(MappingException.class)
        .satisfies(
            e ->
                assertThat(((MappingException) e).problems())
                    .containsExactly(
                        "column 'email': transform hash: the environment variable"
                            + " DATAMAPPER_SURELY_UNSET_SALT (saltEnv) is not set or empty; set it"
                            + " to the salt before importing",
                        "column 'card': transform mask needs keep: how many trailing characters"
                            + " stay visible (0 or more)"));
  }

  @Test
  void bad_lookups_and_splits_are_listed_by_column_before_anything_runs() {
    String yaml =
        """
        target: { table: t }
        keys: [c]
        columns:
          - { name: a, lookup: { table: customers, match: {}, return: id, missing: maybe } }
          - { name: b, source: X, lookup: { table: '"unterminated', match: { email: E }, return: id } }
          - { name: c, lookup: { table: x, match: { id: Y }, return: id } }
          - { source: Name, split: { separator: "", into: [only] } }
        """;

    assertThatThrownBy(() -> MappingReader.parse(yaml, "m.yaml"))
        .isInstanceOf(MappingException.class)
        .satisfies(
            e ->
                assertThat(((MappingException) e).problems())
                    .anyMatch(p -> p.startsWith("column 'a': lookup.match must map"))
                    .anyMatch(
                        p ->
                            p.equals(
                                "column 'a': lookup.missing must be reject, null or insert, not 'maybe'"))
                    .anyMatch(
                        p ->
                            p.startsWith("column 'b': lookup.table: ")
                                && p.contains("a quote is not closed"))
                    .anyMatch(
                        p ->
                            p.equals(
                                "column 'b': a lookup column takes no source (it is looked up)"))
                    .anyMatch(p -> p.startsWith("column split from \"Name\": split.separator"))
                    .anyMatch(p -> p.startsWith("column split from \"Name\": split.into must list"))
                    .anyMatch(
                        p ->
                            p.equals(
                                "keys: 'c' is a lookup column, which cannot be part of the key")));
  }

  static Stream<Path> goldenMappings() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/golden"))) {
      List<Path> files =
          dirs.map(d -> d.resolve("mapping.yaml")).filter(Files::exists).sorted().toList();
      assertThat(files).isNotEmpty();
      return files.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenMappings")
  void every_golden_mapping_validates_against_the_schema(Path file) throws IOException {
    assertThat(SCHEMA.validate(YAML.readTree(Files.readString(file)))).isEmpty();
  }

  private static String apply(ColumnSpec column, String value) {
    String v = value;
    for (Transform t : column.transforms()) v = t.apply(v);
    return v;
  }
}
