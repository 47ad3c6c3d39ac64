package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads staged in a directory: {@code datamapper.staging-dir/<task id>/<file name>}. In a cluster
 * every node must see the same directory (a shared volume). Thread-safe.
 */
final class DirectoryFileStore implements FileStore {
  private final Path root;

  DirectoryFileStore(Path root) {
    this.root = root.toAbsolutePath();
  }

  @Override
  public String stage(UUID task, MultipartFile upload, String fileName) {
    Path dir = root.resolve(task.toString());
    Path file = dir.resolve(fileName).normalize();
    if (!file.startsWith(dir)) throw new DataMapperException("Unusable file name: " + fileName);
    try {
      Files.createDirectories(dir);
      upload.transferTo(file);
      return file.toString();
    } catch (IOException e) {
      throw new DataMapperException(
          "Cannot stage the upload in "
              + root
              + ": "
              + e.getMessage()
              + " (datamapper.staging-dir must be writable by every node)",
          e);
    }
  }

  @Override
  public ImportSource source(String staged, String fileName, long size, String sourceUri) {
    if (staged == null || !Files.isRegularFile(Path.of(staged))) return null;
    Path file = Path.of(staged);
    return new ImportSource(fileName, sourceUri, size, () -> Files.newInputStream(file), file);
  }

  /**
   * The staged file must be under {@code staging-dir/<task id>/}, both as written (normalised) and
   * with every symbolic link resolved ({@code toRealPath}), so neither {@code ..} nor a link
   * reaches another file of the server.
   */
  @Override
  public String refusal(UUID task, String staged) {
    Path dir = root.resolve(task.toString());
    String outside =
        "its staged file "
            + TaskCheck.shorten(staged)
            + " is not under "
            + dir
            + ", where this server stages the uploads of task "
            + task;
    Path file;
    try {
      file = Path.of(staged).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return outside;
    }
    if (!file.startsWith(dir) || file.equals(dir)) return outside;
    if (!Files.exists(file)) return null; // gone: reported as a missing upload
    try {
      if (!file.toRealPath().startsWith(dir.toRealPath()))
        return outside + " (a link leads out of it)";
    } catch (IOException e) {
      return outside + " (" + e.getMessage() + ")";
    }
    return null;
  }

  @Override
  public String describe() {
    return "the staging directory " + root + " (datamapper.staging-dir)";
  }

  @Override
  public void remove(UUID task) {
    // what cannot be deleted is left for an operator; the task's outcome does not depend on it
    FileTrees.deleteQuietly(root.resolve(task.toString()));
  }
}
