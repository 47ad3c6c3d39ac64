package io.datamapper.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing staged and draft directories, which the server cleans up on a best-effort basis. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a directory and everything under it, deepest first. What cannot be deleted stays
   * behind: no caller's outcome depends on the cleanup, and each says who removes the leftovers.
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // left behind, as above
                }
              });
    } catch (IOException ignored) {
      // as above
    }
  }
}
