package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real file of the test resources (excel/, json/, xml/ and the conformance suites) that
 * detection proposes a mapping for imports with that mapping, saved as YAML and read back: every
 * record read is loaded and none is rejected. Files that detection refuses must be ones a person
 * would refuse too (invalid JSON, an encrypted or OpenDocument workbook, a JSON scalar with no
 * records): those are listed by folder rule, the rest by name with the reason.
 */
class DetectedRealFilesImportTest {
  private static final Path RESOURCES = Path.of("src/test/resources");

  /** Files whose import does not load every record yet, and why. */
  static final Map<String, String> KNOWN =
      Map.of(
          "conformance/JSONTestSuite/test_parsing/y_object_escaped_null_in_key.json",
          "a key holding \\u0000: the mapping that names it cannot be stored in the import ledger (PostgreSQL jsonb has no NUL)");

  @TempDir Path dir;

  @Test
  void every_real_test_file_imports_with_its_detected_mapping() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "real");
    Map<String, String> failures = new TreeMap<>();
    Map<String, String> refusedWrongly = new TreeMap<>();
    int imported = 0;
    int refused = 0;
    try (Stream<Path> files =
        Stream.of("excel", "json", "xml", "conformance")
            .flatMap(DetectedRealFilesImportTest::walk)) {
      for (Path file : files.toList()) {
        String name = RESOURCES.relativize(file).toString().replace('\\', '/');
        Mapping detected;
        try {
          detected = Detector.detect(file).mapping();
        } catch (DataMapperException e) {
          refused++;
          if (!refusable(name, e.getMessage())) refusedWrongly.put(name, e.getMessage());
          continue;
        }
        String table = "t" + imported++;
        try {
          Mapping saved = MappingReader.parse(MappingWriter.toYaml(detected), name);
          Mapping m =
              saved
                  .withTarget(new TargetSpec(fx.schema(), table, true, saved.target().mode()))
                  .withPolicies(
                      new Policies(
                          Policies.DuplicateFile.ALLOW,
                          null,
                          null,
                          Policies.BadRows.SKIP,
                          null,
                          null));
          ImportSummary s = fx.run(file, m);
          if (s.rowsRejected() > 0 || s.rowsInserted() != s.rowsRead()) {
            failures.put(
                name,
                s.rowsInserted()
                    + " of "
                    + s.rowsRead()
                    + " loaded, "
                    + s.rowsRejected()
                    + " rejected");
          }
        } catch (RuntimeException e) {
          failures.put(name, String.valueOf(e.getMessage()));
        }
      }
    }
    assertThat(refusedWrongly).as("detection refused files a person would load").isEmpty();
    assertThat(failures.keySet())
        .as(failures.toString())
        .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
    assertThat(imported)
        .as("files imported (%d refused by detection)", refused)
        .isGreaterThanOrEqualTo(54);
  }

  /**
   * Files detection may refuse: holding no records (a JSON scalar, an array of numbers: the message
   * says so), invalid (JSONTestSuite's n_ and implementation-defined i_ files) or not readable
   * (encrypted, OpenDocument).
   */
  private static boolean refusable(String name, String message) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (String.valueOf(message).contains("has no records")) return true;
    if (name.startsWith("conformance/JSONTestSuite/")) return !base.startsWith("y_");
    return base.equals("encrypted.xlsx") || base.endsWith(".fods") || base.contains("invalid");
  }

  private static Stream<Path> walk(String folder) {
    Path root = RESOURCES.resolve(folder);
    if (!Files.isDirectory(root))
      throw new IllegalStateException("missing test resources folder " + root.toAbsolutePath());
    try (Stream<Path> s = Files.walk(root)) {
      return s
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  !p.getFileName().toString().equals("README.md")
                      && !p.getFileName().toString().equals("LICENSE"))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
