package io.datamapper.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.datamapper.db.Migrations;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden cases in {@code src/test/resources/golden}: each folder is one import on the real
 * PostgreSQL, into a fresh schema, compared exactly with what it must leave behind. A case holds:
 *
 * <ul>
 *   <li>{@code mapping.yaml} (required): its target schema is replaced by the case's schema, so
 *       tables a lookup names without a schema are the case's too;
 *   <li>exactly one {@code input.*} file (required): csv, xlsx, json or xml;
 *   <li>{@code expected.csv} (required): the target table after the import, a header naming the
 *       columns compared, {@code \N} for NULL; rows compared as text, in any order;
 *   <li>{@code expected.<table>.csv} (optional): another table of the schema after the import (a
 *       looked-up table, a child table);
 *   <li>{@code setup.sql} (optional): run first, {@code ${schema}} standing for the case's schema;
 *   <li>{@code expected-rejects.csv} (optional): {@code line,column,code} of each rejected row;
 *   <li>{@code expected-error.txt} (optional): the import must fail, its message containing each
 *       line of this file; without it, the import must succeed.
 * </ul>
 *
 * Salts of {@code hash} steps come from {@code DATAMAPPER_GOLDEN_SALT}, set by the build.
 */
class GoldenCasesTest {
  private static final Path ROOT = Path.of("src/test/resources/golden");
  private static final String NULL = "\\N";

  static Stream<String> cases() throws IOException {
    if (!Files.isDirectory(ROOT)) fail("the golden cases folder " + ROOT + " is missing");
    try (Stream<Path> dirs = Files.list(ROOT)) {
      List<String> names =
          dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).as("golden cases").hasSizeGreaterThanOrEqualTo(15);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void each_golden_case_leaves_exactly_the_expected_tables(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Path mappingFile = required(dir.resolve("mapping.yaml"));
    Path input = input(dir);
    Path expected = required(dir.resolve("expected.csv"));
    Migrations.migrate(TestDatabase.dataSource());
    String schema = TestDatabase.freshSchema("golden_" + name);
    Path setup = dir.resolve("setup.sql");
    if (Files.exists(setup))
      TestDatabase.execute(Files.readString(setup).replace("${schema}", schema));

    String error = null;
    String table = null;
    try {
      Mapping mapping = MappingReader.read(mappingFile);
      TargetSpec t = mapping.target();
      table = t.table();
      mapping = mapping.withTarget(new TargetSpec(schema, t.table(), t.create(), t.mode()));
      Importer.builder()
          .dataSource(TestDatabase.dataSource())
          .build()
          .run(ImportRequest.of(ImportSource.of(input), mapping));
    } catch (RuntimeException e) {
      error = e.getMessage();
    }

    Path expectedError = dir.resolve("expected-error.txt");
    if (Files.exists(expectedError)) {
      assertThat(error).as("the import must fail").isNotNull();
      for (String line : Files.readAllLines(expectedError))
        if (!line.isBlank()) assertThat(error).contains(line.strip());
    } else {
      assertThat(error).as("the import must succeed").isNull();
    }
    if (table == null) table = tableOf(mappingFile);
    compare(schema, table, expected);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path other : files.toList()) {
        String f = other.getFileName().toString();
        if (f.startsWith("expected.") && f.endsWith(".csv") && !f.equals("expected.csv"))
          compare(schema, f.substring("expected.".length(), f.length() - 4), other);
      }
    }
    Path rejects = dir.resolve("expected-rejects.csv");
    List<List<String>> actualRejects =
        rows(
            "SELECT coalesce(r.line_number::text, '\\N') AS line,"
                + " coalesce(r.column_name, '\\N') AS col, r.code"
                + " FROM datamapper.rejects r JOIN datamapper.imports i ON i.id = r.import_id"
                + " WHERE i.target_schema = '"
                + schema
                + "'",
            3);
    List<List<String>> wantedRejects =
        Files.exists(rejects) ? withoutHeader(readCsv(rejects)) : List.of();
    assertThat(sorted(actualRejects)).as("rejects").isEqualTo(sorted(wantedRejects));
  }

  private static void compare(String schema, String table, Path expected) {
    List<List<String>> wanted = readCsv(expected);
    assertThat(wanted).as(expected + " needs a header").isNotEmpty();
    List<String> columns = wanted.getFirst();
    List<String> select = new ArrayList<>();
    for (String c : columns)
      select.add("coalesce(\"" + c + "\"::text, '\\N') AS c" + select.size());
    boolean exists =
        !TestDatabase.query(
                "SELECT 1 FROM pg_tables WHERE schemaname = '"
                    + schema
                    + "' AND tablename = '"
                    + table
                    + "'")
            .isEmpty();
    List<List<String>> actual =
        exists
            ? rows(
                "SELECT " + String.join(", ", select) + " FROM " + schema + ".\"" + table + "\"",
                columns.size())
            : List.of();
    assertThat(sorted(actual))
        .as("table " + table + " after the import (" + expected.getFileName() + ")")
        .isEqualTo(sorted(withoutHeader(wanted)));
  }

  private static List<List<String>> rows(String sql, int width) {
    List<List<String>> out = new ArrayList<>();
    for (Map<String, Object> row : TestDatabase.query(sql)) {
      List<String> values = new ArrayList<>();
      for (Object v : row.values()) values.add(String.valueOf(v));
      assertThat(values).hasSize(width);
      out.add(values);
    }
    return out;
  }

  private static List<List<String>> readCsv(Path file) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      List<List<String>> out = new ArrayList<>();
      for (CsvRecord r : reader) out.add(List.copyOf(r.getFields()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<List<String>> withoutHeader(List<List<String>> rows) {
    return rows.isEmpty() ? rows : rows.subList(1, rows.size());
  }

  private static List<String> sorted(List<List<String>> rows) {
    return rows.stream().map(r -> String.join(" | ", r)).sorted().toList();
  }

  private static Path required(Path file) {
    if (!Files.isRegularFile(file)) fail("golden case file " + file + " is missing");
    return file;
  }

  private static Path input(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> inputs =
          files.filter(f -> f.getFileName().toString().startsWith("input.")).toList();
      if (inputs.size() != 1)
        fail("golden case " + dir + " needs exactly one input.* file, found " + inputs);
      return inputs.getFirst();
    }
  }

  /** The target table of a mapping that cannot be read (a compile error), for the comparison. */
  private static String tableOf(Path mapping) throws IOException {
    for (String line : Files.readAllLines(mapping)) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("table:\\s*([A-Za-z_0-9]+)").matcher(line);
      if (line.contains("target") && m.find()) return m.group(1);
    }
    fail(mapping + " names no target table on its target line");
    return null;
  }
}
