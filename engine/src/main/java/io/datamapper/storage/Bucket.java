package io.datamapper.storage;

import io.datamapper.load.ImportSource;
import java.io.InputStream;

/**
 * Writes, reads and removes objects under one {@code b2://} or {@code s3://} prefix, with the same
 * settings as imports ({@link StorageConfig}); a server stages uploads here so every node of a
 * cluster can read them. Thread-safe; close it to release the client.
 */
public final class Bucket implements AutoCloseable {
  private final ObjectUri root;
  private final S3ObjectStore store;

  private Bucket(ObjectUri root, S3ObjectStore store) {
    this.root = root;
    this.store = store;
  }

  /**
   * A client for the prefix {@code url} ({@code s3://bucket/prefix/}; a missing final {@code /} is
   * added).
   *
   * @throws io.datamapper.DataMapperException when {@code url} is not a b2:// or s3:// URL
   */
  public static Bucket open(String url, StorageConfig config) {
    ObjectUri uri = ObjectUri.parse(url.endsWith("/") ? url : url + "/");
    return new Bucket(
        uri, new S3ObjectStore(config.storeFor(uri.scheme()), uri.scheme(), config.retry()));
  }

  /** The URL of {@code key} under this prefix. */
  public String url(String key) {
    return root.withKey(root.key() + key).toString();
  }

  /**
   * Stores {@code size} bytes of {@code in} as {@code key} under this prefix; returns its URL.
   *
   * @throws ObjectStoreException when the store refuses or cannot be reached
   */
  public String put(String key, InputStream in, long size) {
    ObjectUri uri = root.withKey(root.key() + key);
    store.put(uri, in, size);
    return uri.toString();
  }

  /**
   * The object at {@code url} (under this prefix) as an import source whose ledger URI is {@code
   * sourceUri}.
   *
   * @throws ObjectStoreException when it does not exist or cannot be read
   */
  public ImportSource source(String url, String name, String sourceUri) {
    RemoteObject o = store.head(ObjectUri.parse(url));
    return new ImportSource(name, sourceUri, o.size(), () -> store.open(o), null);
  }

  /** Deletes every object whose key starts with {@code keyPrefix} under this prefix. */
  public void deleteUnder(String keyPrefix) {
    store.deleteUnder(root.withKey(root.key() + keyPrefix));
  }

  @Override
  public void close() {
    store.close();
  }
}
