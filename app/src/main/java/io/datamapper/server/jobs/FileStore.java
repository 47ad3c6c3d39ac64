package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import io.datamapper.server.DataMapperProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Where uploads for background tasks wait: {@code datamapper.staging-dir/<task id>/<file name>}.
 * In a cluster every node must see the same directory (a shared volume). Files are removed
 * when their task ends. Thread-safe.
 */
@Component
public class FileStore {
  private final Path root;

  public FileStore(DataMapperProperties props) {
    this.root = props.stagingDir().toAbsolutePath();
  }

  Path stage(UUID task, MultipartFile upload, String fileName) {
    Path dir = root.resolve(task.toString());
    Path file = dir.resolve(fileName).normalize();
    if (!file.startsWith(dir)) throw new DataMapperException("Unusable file name: " + fileName);
    try {
      Files.createDirectories(dir);
      upload.transferTo(file);
      return file;
    } catch (IOException e) {
      throw new DataMapperException("Cannot stage the upload in " + root + ": " + e.getMessage()
          + " (datamapper.staging-dir must be writable by every node)", e);
    }
  }

  void remove(UUID task) {
    Path dir = root.resolve(task.toString());
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // left for an operator; the task's outcome does not depend on it
        }
      });
    } catch (IOException ignored) {
      // as above
    }
  }
}
