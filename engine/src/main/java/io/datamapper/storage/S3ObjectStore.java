package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible bucket store (AWS S3, Backblaze B2, MinIO, R2...) through the AWS SDK v2:
 * path-style requests, an explicit region and static credentials (or anonymous), checksums only
 * where required, and the JDK's HttpURLConnection underneath. Errors come back as {@link
 * DataMapperException}s that say what to fix. Thread-safe.
 */
final class S3ObjectStore implements AutoCloseable {
  static {
    // never probe the EC2 instance-metadata address for credentials or a region
    if (System.getProperty(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property()) == null) {
      System.setProperty(SdkSystemSetting.AWS_EC2_METADATA_DISABLED.property(), "true");
    }
  }

  private final S3Client client;
  private final StorageConfig.Store settings;
  private final String scheme;
  private final Retry retry;

  S3ObjectStore(StorageConfig.Store settings, String scheme, Retry retry) {
    this.settings = settings;
    this.scheme = scheme;
    this.retry = retry;
    AwsCredentialsProvider credentials =
        settings.hasCredentials()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.keyId(), settings.secret()))
            : AnonymousCredentialsProvider.create();
    var builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(settings.region() == null ? "us-east-1" : settings.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(retryStrategy(retry)));
    if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
    this.client = builder.build();
  }

  /**
   * The SDK's own retries, made deliberate rather than left to its version's default and {@code
   * AWS_RETRY_MODE}: the standard strategy (it retries 5xx answers, throttling such as S3's {@code
   * SlowDown}, and broken connections) with {@code retry.attempts()} tries and exponential backoff
   * with full jitter from {@code firstBackoff} up to {@code maxBackoff}, so the total wait is
   * bounded (at most 7.75 s with {@link Retry#DEFAULT}). The circuit breaker is off: it shares one
   * retry quota across the client, so a bad minute would turn off the retries of the requests after
   * it.
   */
  static RetryStrategy retryStrategy(Retry retry) {
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(retry.firstBackoff(), retry.maxBackoff());
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(retry.attempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  /** The object's size and ETag, without reading it. */
  RemoteObject head(ObjectUri uri) {
    try {
      HeadObjectResponse r = client.headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
      return new RemoteObject(uri.toString(), uri.fileName(), r.contentLength(), r.eTag());
    } catch (SdkException e) {
      throw explain(uri, e);
    }
  }

  /** Every object under the prefix {@code uri} (folder markers left out), by key. */
  List<RemoteObject> list(ObjectUri uri) {
    List<RemoteObject> out = new ArrayList<>();
    try {
      ListObjectsV2Request request =
          ListObjectsV2Request.builder().bucket(uri.bucket()).prefix(uri.key()).build();
      for (S3Object o : client.listObjectsV2Paginator(request).contents()) {
        if (o.key().endsWith("/")) continue;
        ObjectUri one = uri.withKey(o.key());
        out.add(new RemoteObject(one.toString(), one.fileName(), o.size(), o.eTag()));
      }
    } catch (SdkException e) {
      throw explain(uri, e);
    }
    out.sort(Comparator.comparing(RemoteObject::uri));
    return out;
  }

  /** Stores {@code size} bytes from {@code in} as the object {@code uri}. */
  void put(ObjectUri uri, InputStream in, long size) {
    try {
      client.putObject(
          b -> b.bucket(uri.bucket()).key(uri.key()), RequestBody.fromInputStream(in, size));
    } catch (SdkException e) {
      throw explain(uri, e);
    }
  }

  /** Deletes every object under the prefix {@code uri}. */
  void deleteUnder(ObjectUri uri) {
    for (RemoteObject o : list(uri)) {
      ObjectUri one = ObjectUri.parse(o.uri());
      try {
        client.deleteObject(b -> b.bucket(one.bucket()).key(one.key()));
      } catch (SdkException e) {
        throw explain(one, e);
      }
    }
  }

  /** The object's bytes as one stream that resumes with ranged GETs after a dropped connection. */
  InputStream open(RemoteObject object) {
    ObjectUri uri = ObjectUri.parse(object.uri());
    return new ResumingInputStream(
        offset -> openAt(uri, object, offset), object.size(), retry, object.uri());
  }

  private InputStream openAt(ObjectUri uri, RemoteObject object, long offset) throws IOException {
    if (object.size() >= 0 && offset >= object.size()) return InputStream.nullInputStream();
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key());
    if (offset > 0) request.range("bytes=" + offset + "-");
    // the same version as the one listed, or the ranges would splice two versions together
    if (object.etag() != null) request.ifMatch(object.etag());
    // the client has retried a failing request already (retryStrategy): what still fails here is
    // final; a
    // body that breaks later is resumed by ResumingInputStream, which opens it again through here
    try {
      return new Aborting(client.getObject(request.build()));
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new DataMapperException(
            object.uri()
                + " changed while it was being read (its ETag is no longer "
                + object.etag()
                + "); run the import again",
            e);
      }
      throw explain(uri, e);
    } catch (SdkException e) {
      throw explain(uri, e);
    }
  }

  /** Closing before the end aborts the connection instead of reading the rest of the object. */
  private static final class Aborting extends AbandonableBody {
    private final ResponseInputStream<GetObjectResponse> response;

    Aborting(ResponseInputStream<GetObjectResponse> response) {
      super(response);
      this.response = response;
    }

    @Override
    public void close() throws IOException {
      if (!ended()) response.abort();
      super.close();
    }
  }

  private DataMapperException explain(ObjectUri uri, SdkException e) {
    return S3Errors.explain(uri, e, settings, scheme, () -> bucketExists(uri));
  }

  private boolean bucketExists(ObjectUri uri) {
    try {
      client.headBucket(b -> b.bucket(uri.bucket()));
      return true;
    } catch (S3Exception e) {
      return e.statusCode() != 404;
    } catch (SdkException e) {
      return true;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
