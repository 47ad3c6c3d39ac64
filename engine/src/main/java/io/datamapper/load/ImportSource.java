package io.datamapper.load;

import io.datamapper.DataMapperException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where an import reads from: a display name (the file name in messages and the ledger), a URI for
 * lineage ({@code file:///...}, {@code s3://...}), the size when known ({@code -1} otherwise), and
 * a way to open the bytes. {@code path} is set for local files; {@code etag} (nullable) is the
 * object store's version tag of a remote object: an object whose URI, ETag and size match a
 * succeeded import into the same table is refused before it is downloaded.
 */
public record ImportSource(
    String name, String uri, long size, Opener opener, Path path, String etag) {

  /** A source without an ETag (a local file, or a remote one whose store gives none). */
  public ImportSource(String name, String uri, long size, Opener opener, Path path) {
    this(name, uri, size, opener, path, null);
  }

  /** Opens the source's bytes; may be called more than once. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public static ImportSource of(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.exists(abs)) throw new DataMapperException("File not found: " + file);
    if (!Files.isRegularFile(abs)) throw new DataMapperException(file + " is not a regular file");
    if (!Files.isReadable(abs)) throw new DataMapperException(file + " is not readable");
    long size;
    try {
      size = Files.size(abs);
    } catch (NoSuchFileException e) {
      throw new DataMapperException("File not found: " + file);
    } catch (IOException e) {
      throw new DataMapperException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return new ImportSource(
        abs.getFileName().toString(),
        abs.toUri().toString(),
        size,
        () -> Files.newInputStream(abs),
        abs);
  }
}
