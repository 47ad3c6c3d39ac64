package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.util.Locale;

/**
 * An object (or a prefix of objects) in an S3-compatible store: {@code b2://bucket/key} or {@code
 * s3://bucket/key}. A key that is empty or ends with {@code /} is a prefix: every object under it.
 * Immutable.
 */
public record ObjectUri(String scheme, String bucket, String key) {

  public ObjectUri {
    if (!scheme.equals("s3") && !scheme.equals("b2"))
      throw new IllegalArgumentException("scheme " + scheme);
    if (bucket.isEmpty()) throw new IllegalArgumentException("empty bucket");
  }

  /** Whether {@code location} names an object store ({@code b2://} or {@code s3://}). */
  public static boolean matches(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("b2://") || l.startsWith("s3://");
  }

  /**
   * Parses {@code b2://bucket/key} or {@code s3://bucket/key}.
   *
   * @throws DataMapperException when there is no bucket name
   */
  public static ObjectUri parse(String location) {
    if (!matches(location))
      throw new DataMapperException(location + " is not a b2:// or s3:// URL");
    String scheme = location.substring(0, 2).toLowerCase(Locale.ROOT);
    String rest = location.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new DataMapperException(
          location
              + " names no bucket: write "
              + scheme
              + "://BUCKET/KEY (or "
              + scheme
              + "://BUCKET/PREFIX/ for every object under a prefix)");
    }
    return new ObjectUri(scheme, bucket, key);
  }

  /** Whether this names every object under a prefix rather than one object. */
  public boolean isPrefix() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** The same store and bucket, another key. */
  public ObjectUri withKey(String otherKey) {
    return new ObjectUri(scheme, bucket, otherKey);
  }

  /** The last path segment of the key: the file name shown in messages and the ledger. */
  public String fileName() {
    String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    int slash = k.lastIndexOf('/');
    return slash < 0 ? k : k.substring(slash + 1);
  }

  @Override
  public String toString() {
    return scheme + "://" + bucket + "/" + key;
  }
}
