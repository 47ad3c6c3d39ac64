package io.datamapper.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance suites written by others (csv-spectrum, JSONTestSuite), kept in this repository
 * under {@code src/test/resources/conformance} with their licences, so a clone with nothing beside
 * it runs every test. A missing suite fails the test that asks for it.
 */
public final class Conformance {
  private Conformance() {}

  public static Path root() {
    URL readme = Conformance.class.getResource("/conformance/README.md");
    if (readme == null) {
      throw new IllegalStateException(
          "The conformance suites are missing from the test classpath "
              + "(engine/src/test/resources/conformance); restore them from git");
    }
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files of {@code folder} ending with {@code suffix}, sorted; fails when there are none. */
  public static Stream<Path> files(String folder, String suffix) throws IOException {
    Path dir = root().resolve(folder);
    if (!Files.isDirectory(dir))
      throw new IllegalStateException("conformance folder missing: " + dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
    if (files.isEmpty()) throw new IllegalStateException("no " + suffix + " files in " + dir);
    return files.stream();
  }
}
