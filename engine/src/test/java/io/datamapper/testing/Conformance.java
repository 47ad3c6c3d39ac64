package io.datamapper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared conformance suites ({@code ../shared/conformance} next to the repository). */
public final class Conformance {
  private Conformance() {}

  public static Path root() {
    String override = System.getenv("DATAMAPPER_CONFORMANCE_DIR");
    if (override != null) return Path.of(override);
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/conformance");
      if (Files.isDirectory(candidate)) return candidate;
      candidate = dir.resolve("../shared/conformance").normalize();
      if (Files.isDirectory(candidate)) return candidate;
    }
    throw new IllegalStateException("The conformance suites (../shared/conformance next to the repository) are missing; "
        + "set DATAMAPPER_CONFORMANCE_DIR to their folder");
  }

  public static Stream<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(root().resolve(folder))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList().stream();
    }
  }
}
