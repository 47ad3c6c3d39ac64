package io.datamapper.server.jobs;

import io.datamapper.load.ImportSource;
import io.datamapper.server.DataMapperProperties;
import io.datamapper.storage.StorageConfig;
import java.util.UUID;
import org.springframework.web.multipart.MultipartFile;

/**
 * Where uploads for background tasks wait until a node imports them: a directory ({@code
 * datamapper.staging-dir}, the default) or an S3-compatible bucket ({@code
 * datamapper.upload-store=s3://bucket/prefix/}). In a cluster every node must reach the same store.
 * A task's files are removed when it ends. Implementations are thread-safe.
 */
public interface FileStore extends AutoCloseable {

  /**
   * The store the settings name: the bucket of {@code datamapper.upload-store}, else the staging
   * directory.
   */
  static FileStore from(DataMapperProperties props, StorageConfig storage) {
    String store = props.uploadStore();
    if (store == null || store.isBlank()) return new DirectoryFileStore(props.stagingDir());
    return new BucketFileStore(store.trim(), storage);
  }

  /**
   * Stages {@code upload} for {@code task}; returns where it is (a path or an object URL) for
   * {@link #source}.
   */
  String stage(UUID task, MultipartFile upload, String fileName);

  /**
   * The staged file as an import source recorded as {@code sourceUri}, or null when it is gone (a
   * store not shared by every node, or removed by hand).
   */
  ImportSource source(String staged, String fileName, long size, String sourceUri);

  /**
   * Why {@code staged} is not where this store stages uploads of {@code task}, or null when it is.
   * Checked before {@link #source} opens anything: the path comes back from the database.
   */
  String refusal(UUID task, String staged);

  /** Removes what {@code task} staged; never fails the task (leftovers are for an operator). */
  void remove(UUID task);

  /** Where uploads are staged, for messages. */
  String describe();

  @Override
  default void close() {}
}
