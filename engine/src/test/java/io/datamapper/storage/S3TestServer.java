package io.datamapper.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: s3proxy in this JVM on 127.0.0.1 (a free port), with an
 * in-memory ("transient") store and signature checking on, plus a client to fill buckets.
 */
public final class S3TestServer implements AutoCloseable {
  public static final String KEY_ID = "test-key-id";
  public static final String SECRET = "test-secret-0123456789";

  /** Fast retries so the fault tests do not wait seconds. */
  public static final Retry FAST = new Retry(4, Duration.ofMillis(20), Duration.ofMillis(200));

  private final S3Proxy proxy;
  private final BlobStore blobs;
  private final S3Client client;
  public final URI endpoint;

  public S3TestServer() throws Exception {
    this(AuthenticationType.AWS_V2_OR_V4);
  }

  /**
   * A server that takes unsigned requests ({@code anonymous}) or checks signatures with {@link
   * #KEY_ID}/{@link #SECRET}.
   */
  public static S3TestServer start(boolean anonymous) throws Exception {
    return new S3TestServer(anonymous ? AuthenticationType.NONE : AuthenticationType.AWS_V2_OR_V4);
  }

  private S3TestServer(AuthenticationType auth) throws Exception {
    Properties p = new Properties();
    p.setProperty(Constants.PROPERTY_IDENTITY, KEY_ID);
    p.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET);
    blobs = BlobStores.create("transient", p);
    proxy =
        S3Proxy.builder()
            .blobStore(blobs)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(auth, KEY_ID, SECRET)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      Thread.onSpinWait();
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    client =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .build();
  }

  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  public void put(String bucket, String key, String content) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  public void put(String bucket, String key, Path file) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
  }

  /** The keys under {@code prefix} in {@code bucket}, sorted. */
  public java.util.List<String> keys(String bucket, String prefix) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(software.amazon.awssdk.services.s3.model.S3Object::key)
        .sorted()
        .toList();
  }

  /** Settings that reach this server (or a proxy in front of it) for both s3:// and b2://. */
  public static StorageConfig config(URI endpoint, String keyId, String secret) {
    StorageConfig.Store store = new StorageConfig.Store(endpoint, "us-east-1", keyId, secret);
    return new StorageConfig(store, store, FAST);
  }

  public StorageConfig config() {
    return config(endpoint, KEY_ID, SECRET);
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new IllegalStateException("the S3 test server did not stop", e);
    } finally {
      blobs.close();
    }
  }
}
