package io.datamapper.storage;

import io.datamapper.DataMapperException;
import io.datamapper.detect.Detection;
import io.datamapper.detect.Detector;
import io.datamapper.format.ReadLimits;
import io.datamapper.load.ImportSource;
import io.datamapper.mapping.SourceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns what a user typed — a local path, {@code b2://bucket/key}, {@code s3://bucket/key}, a
 * prefix ending with {@code /}, or an {@code https://} URL — into the {@link ImportSource}s to
 * import. Remote sources stream straight into the import (see {@link ResumingInputStream}) and
 * carry the store's ETag so an object already imported is refused before it is downloaded.
 * Stateless and thread-safe.
 */
public final class Sources {
  private Sources() {}

  /**
   * Whether {@code location} is remote ({@code b2://}, {@code s3://}, {@code http(s)://}) rather
   * than a local path.
   */
  public static boolean isRemote(String location) {
    return ObjectUri.matches(location) || HttpFiles.matches(location);
  }

  /**
   * Resolves {@code location}: a local file or a remote object gives one source, a prefix every
   * object under it (sorted by key). Asks the store for sizes and ETags, reads no data. The result
   * must be closed after the imports (it holds the store's client).
   *
   * @throws SourceNotAllowedException for a URL whose host (or a redirect's) is on an address
   *     {@code config.hosts()} does not allow
   * @throws DataMapperException for a missing file, bucket or object, refused credentials, an
   *     unreachable store, or a prefix with no objects
   */
  public static ResolvedSources resolve(String location, StorageConfig config) {
    if (ObjectUri.matches(location)) return fromStore(ObjectUri.parse(location), config);
    if (HttpFiles.matches(location)) return fromHttp(location, config);
    Path path;
    try {
      path = location.startsWith("file:") ? Path.of(uri(location)) : Path.of(location);
    } catch (IllegalArgumentException e) { // InvalidPathException too
      throw new DataMapperException(
          location + " is not a file path or a b2://, s3:// or https:// URL: " + e.getMessage(), e);
    }
    return new ResolvedSources(List.of(ImportSource.of(path)), false, null);
  }

  /**
   * Proposes a mapping for a source (see {@link Detector}); a remote one is read only as far as the
   * sample goes, then the download is aborted.
   *
   * @throws DataMapperException when the source cannot be read or holds no records
   */
  public static Detection detect(ImportSource source, SourceSpec hint) {
    return detect(source, hint, ReadLimits.DEFAULT);
  }

  /** As {@link #detect(ImportSource, SourceSpec)}, the sample read within {@code limits}. */
  public static Detection detect(ImportSource source, SourceSpec hint, ReadLimits limits) {
    if (source.path() != null) return Detector.detect(source.path(), hint, limits);
    try (InputStream in = source.opener().open()) {
      return Detector.detect(in, source.name(), hint, limits);
    } catch (IOException e) {
      throw new DataMapperException("Cannot read " + source.uri() + ": " + e.getMessage(), e);
    }
  }

  private static ResolvedSources fromStore(ObjectUri uri, StorageConfig config) {
    S3ObjectStore store =
        new S3ObjectStore(config.storeFor(uri.scheme()), uri.scheme(), config.retry());
    try {
      List<RemoteObject> objects;
      if (uri.isPrefix()) {
        objects = store.list(uri);
        if (objects.isEmpty())
          throw new ObjectStoreException(
              ObjectStoreException.Kind.NOT_FOUND,
              uri.toString(),
              "There are no objects under " + uri + ".",
              null);
      } else {
        objects = List.of(store.head(uri));
      }
      List<ImportSource> sources =
          objects.stream()
              .map(
                  o ->
                      new ImportSource(
                          o.name(), o.uri(), o.size(), () -> store.open(o), null, o.etag()))
              .toList();
      return new ResolvedSources(sources, uri.isPrefix(), store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static ResolvedSources fromHttp(String location, StorageConfig config) {
    URI url = uri(location);
    if (url.getHost() == null)
      throw new DataMapperException(location + " is not a URL like https://example.com/data.csv");
    HttpFiles files = new HttpFiles(config.retry(), config.hosts());
    RemoteObject file = files.head(url);
    ImportSource source =
        new ImportSource(
            file.name(), file.uri(), file.size(), () -> files.open(url, file), null, file.etag());
    return new ResolvedSources(List.of(source), false, null);
  }

  private static URI uri(String location) {
    try {
      return new URI(location);
    } catch (URISyntaxException e) {
      throw new DataMapperException(location + " is not a valid URL: " + e.getMessage(), e);
    }
  }
}
