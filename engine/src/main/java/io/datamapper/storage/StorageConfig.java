package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where and as whom to reach object stores. {@code s3} serves {@code s3://} URLs; {@code b2} serves
 * {@code b2://} URLs and, where it leaves something out, borrows it from {@code s3}. {@code
 * toString()} never shows a secret. Immutable and thread-safe.
 *
 * <p>{@link #fromEnvironment()} reads the variables AWS tools read, plus Backblaze's:
 *
 * <ul>
 *   <li>{@code s3://}: endpoint {@code DATAMAPPER_S3_ENDPOINT}, {@code AWS_ENDPOINT_URL_S3} or
 *       {@code AWS_ENDPOINT_URL} (none: AWS itself); region {@code DATAMAPPER_S3_REGION}, {@code
 *       AWS_REGION} or {@code AWS_DEFAULT_REGION} (none: us-east-1); credentials {@code
 *       AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (none: anonymous).
 *   <li>{@code b2://}: region {@code B2_REGION} (endpoint {@code
 *       https://s3.REGION.backblazeb2.com}) or endpoint {@code DATAMAPPER_B2_ENDPOINT}; credentials
 *       {@code B2_APPLICATION_KEY_ID} and {@code B2_APPLICATION_KEY}, else the AWS ones.
 *   <li>{@code https://}: {@code DATAMAPPER_ALLOWED_HOSTS}, the hosts on private addresses that may
 *       be fetched (see {@link HostPolicy}; none: public addresses only).
 * </ul>
 *
 * The store endpoints are this process's own settings and trusted; the host policy applies to URLs
 * users give.
 */
public record StorageConfig(Store s3, Store b2, Retry retry, HostPolicy hosts) {

  /**
   * One store's settings; every part may be null (endpoint: the default one; region: the default
   * one; keyId/secret: anonymous access).
   */
  public record Store(URI endpoint, String region, String keyId, String secret) {
    public static final Store NONE = new Store(null, null, null, null);

    /** This store's settings, the gaps filled from {@code fallback}. */
    Store orElse(Store fallback) {
      boolean ownKeys = keyId != null && secret != null;
      return new Store(
          endpoint != null ? endpoint : fallback.endpoint,
          region != null ? region : fallback.region,
          ownKeys ? keyId : fallback.keyId,
          ownKeys ? secret : fallback.secret);
    }

    boolean hasCredentials() {
      return keyId != null && secret != null;
    }

    @Override
    public String toString() {
      return "Store[endpoint="
          + endpoint
          + ", region="
          + region
          + ", credentials="
          + (hasCredentials() ? "set" : "none")
          + "]";
    }
  }

  public StorageConfig {
    s3 = s3 == null ? Store.NONE : s3;
    b2 = b2 == null ? Store.NONE : b2;
    retry = retry == null ? Retry.DEFAULT : retry;
    hosts = hosts == null ? HostPolicy.PUBLIC_ONLY : hosts;
  }

  /** Settings whose URL fetches reach public addresses only. */
  public StorageConfig(Store s3, Store b2, Retry retry) {
    this(s3, b2, retry, HostPolicy.PUBLIC_ONLY);
  }

  /** Settings from this process's environment variables. */
  public static StorageConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Settings from {@code env} (variable name → value), as {@link #fromEnvironment()} describes. */
  public static StorageConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env::get);
  }

  /**
   * Settings from {@code env} (variable name → value or null), as {@link #fromEnvironment()}
   * describes; a server passes its own property lookup so its settings can override the
   * environment.
   */
  public static StorageConfig fromEnvironment(UnaryOperator<String> env) {
    Store s3 =
        new Store(
            uri(first(env, "DATAMAPPER_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")),
            first(env, "DATAMAPPER_S3_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"),
            first(env, "AWS_ACCESS_KEY_ID"),
            first(env, "AWS_SECRET_ACCESS_KEY"));
    String b2Region = first(env, "B2_REGION");
    URI b2Endpoint = uri(first(env, "DATAMAPPER_B2_ENDPOINT"));
    if (b2Endpoint == null && b2Region != null) b2Endpoint = b2EndpointFor(b2Region);
    Store b2 =
        new Store(
            b2Endpoint,
            b2Region,
            first(env, "B2_APPLICATION_KEY_ID"),
            first(env, "B2_APPLICATION_KEY"));
    HostPolicy hosts;
    try {
      hosts = HostPolicy.parse(first(env, HostPolicy.SETTING));
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(e.getMessage(), e);
    }
    return new StorageConfig(s3, b2, Retry.DEFAULT, hosts);
  }

  /** Backblaze B2's S3-compatible endpoint for a region such as {@code us-west-004}. */
  public static URI b2EndpointFor(String region) {
    if (!region.matches("[a-z0-9-]+"))
      throw new DataMapperException(
          "B2_REGION '" + region + "' is not a region name like us-west-004");
    return URI.create("https://s3." + region + ".backblazeb2.com");
  }

  /**
   * The same settings with the endpoint and region given on a command line (either may be null:
   * keep), for both {@code s3://} and {@code b2://} URLs.
   */
  public StorageConfig withEndpoint(URI endpoint, String region) {
    if (endpoint == null && region == null) return this;
    return new StorageConfig(
        override(s3, endpoint, region), override(b2, endpoint, region), retry, hosts);
  }

  private static Store override(Store s, URI endpoint, String region) {
    return new Store(
        endpoint != null ? endpoint : s.endpoint,
        region != null ? region : s.region,
        s.keyId,
        s.secret);
  }

  /** The same settings with another retry policy. */
  public StorageConfig withRetry(Retry other) {
    return new StorageConfig(s3, b2, other, hosts);
  }

  /** The same settings with another host policy for URL fetches. */
  public StorageConfig withHosts(HostPolicy other) {
    return new StorageConfig(s3, b2, retry, other);
  }

  /**
   * The settings that serve {@code scheme} ({@code s3} or {@code b2}).
   *
   * @throws DataMapperException for {@code b2} when neither a region nor an endpoint is known
   */
  Store storeFor(String scheme) {
    if (!scheme.equals("b2")) return s3;
    Store store = b2.orElse(new Store(null, null, s3.keyId, s3.secret));
    if (store.endpoint == null) {
      URI s3Endpoint = s3.endpoint;
      if (s3Endpoint != null
          && s3Endpoint.getHost() != null
          && s3Endpoint.getHost().endsWith(".backblazeb2.com")) {
        store =
            new Store(
                s3Endpoint,
                store.region != null ? store.region : s3.region,
                store.keyId,
                store.secret);
      } else {
        throw new DataMapperException(
            "b2:// needs the bucket's region: set B2_REGION (e.g. us-west-004, shown in the B2 web "
                + "console as the bucket's endpoint s3.us-west-004.backblazeb2.com), or DATAMAPPER_B2_ENDPOINT");
      }
    }
    if (store.region == null)
      store = new Store(store.endpoint, regionOf(store.endpoint), store.keyId, store.secret);
    return store;
  }

  /** B2 endpoints name their region ({@code s3.us-west-004.backblazeb2.com}). */
  private static String regionOf(URI endpoint) {
    String host = endpoint.getHost() == null ? "" : endpoint.getHost();
    if (host.startsWith("s3.") && host.endsWith(".backblazeb2.com")) {
      return host.substring(3, host.length() - ".backblazeb2.com".length());
    }
    return "us-east-1";
  }

  private static String first(UnaryOperator<String> env, String... names) {
    for (String n : names) {
      String v = env.apply(n);
      if (v != null && !v.isBlank()) return v.trim();
    }
    return null;
  }

  private static URI uri(String value) {
    if (value == null) return null;
    URI u = URI.create(value.contains("://") ? value : "https://" + value);
    if (u.getHost() == null)
      throw new DataMapperException(
          "The object store endpoint '" + value + "' is not a URL like https://s3.example.com");
    return u;
  }

  @Override
  public String toString() {
    return "StorageConfig[s3=" + s3 + ", b2=" + b2 + ", retry=" + retry + ", hosts=" + hosts + "]";
  }
}
