package io.datamapper.cli;

import io.datamapper.storage.StorageConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Object-store settings for b2://, s3:// and https:// sources. Credentials come only from the
 * environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, B2_APPLICATION_KEY_ID/B2_APPLICATION_KEY),
 * never from options, so they do not show up in process lists or shell history. URL fetches reach
 * public addresses, the hosts in DATAMAPPER_ALLOWED_HOSTS, and the host of the URL typed on the
 * command line (the user chose it: a file server on their network or their own machine); a redirect
 * to any other internal address is refused.
 */
final class StorageOptions {
  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "S3-compatible endpoint for s3:// and b2:// sources (default: DATAMAPPER_S3_ENDPOINT, AWS_ENDPOINT_URL_S3, "
              + "AWS_ENDPOINT_URL; for b2:// https://s3.B2_REGION.backblazeb2.com)")
  URI endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "Region of the bucket (default: DATAMAPPER_S3_REGION, AWS_REGION, B2_REGION)")
  String region;

  StorageConfig config(String location) {
    StorageConfig config = StorageConfig.fromEnvironment().withEndpoint(endpoint, region);
    String host = typedHost(location);
    return host == null ? config : config.withHosts(config.hosts().with(List.of(host)));
  }

  /** The host of an http(s) URL, or null. */
  private static String typedHost(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) return null;
    try {
      return new URI(location).getHost();
    } catch (URISyntaxException e) {
      return null; // resolving it reports the bad URL
    }
  }
}
