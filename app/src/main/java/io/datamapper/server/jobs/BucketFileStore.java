package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSource;
import io.datamapper.storage.Bucket;
import io.datamapper.storage.ObjectStoreException;
import io.datamapper.storage.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads staged in an S3-compatible bucket ({@code datamapper.upload-store=s3://bucket/prefix/}):
 * {@code prefix/tasks/<task id>/<file name>}, so every node of a cluster reads them without a
 * shared volume. The bucket's endpoint and credentials are the ones imports use. Thread-safe.
 */
final class BucketFileStore implements FileStore {
  private static final Logger log = LoggerFactory.getLogger(BucketFileStore.class);
  private final String url;
  private final Bucket bucket;

  BucketFileStore(String url, StorageConfig storage) {
    this.url = url.endsWith("/") ? url : url + "/";
    this.bucket = Bucket.open(this.url, storage);
  }

  @Override
  public String stage(UUID task, MultipartFile upload, String fileName) {
    if (fileName.contains("/")) throw new DataMapperException("Unusable file name: " + fileName);
    try (InputStream in = upload.getInputStream()) {
      return bucket.put("tasks/" + task + "/" + fileName, in, upload.getSize());
    } catch (IOException e) {
      throw new DataMapperException(
          "Cannot read the upload " + fileName + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ImportSource source(String staged, String fileName, long size, String sourceUri) {
    if (staged == null) return null;
    try {
      return bucket.source(staged, fileName, sourceUri);
    } catch (ObjectStoreException e) {
      if (e.kind() == ObjectStoreException.Kind.NOT_FOUND) return null;
      throw e;
    }
  }

  /**
   * The staged object must be {@code prefix/tasks/<task id>/<name>}: one name, right under the
   * task's folder.
   */
  @Override
  public String refusal(UUID task, String staged) {
    String folder = bucket.url("tasks/" + task + "/");
    String name = staged.startsWith(folder) ? staged.substring(folder.length()) : "";
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      return "its staged object "
          + TaskCheck.shorten(staged)
          + " is not under "
          + folder
          + ", where this server stages the uploads of task "
          + task;
    }
    return null;
  }

  @Override
  public void remove(UUID task) {
    try {
      bucket.deleteUnder("tasks/" + task + "/");
    } catch (DataMapperException e) {
      log.warn("Cannot remove the staged upload of task {} from {}: {}", task, url, e.getMessage());
    }
  }

  @Override
  public String describe() {
    return "the upload store " + url + " (datamapper.upload-store)";
  }

  @Override
  public void close() {
    bucket.close();
  }
}
