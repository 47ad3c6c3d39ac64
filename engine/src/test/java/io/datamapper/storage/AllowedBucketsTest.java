package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bucket allow-list: whole buckets or folders in them, nothing else. */
class AllowedBucketsTest {
  private final AllowedBuckets allowed =
      AllowedBuckets.parse("exports, landing/2026, s3://shared/teams/a/");

  private void ok(String url) {
    allowed.check(ObjectUri.parse(url));
  }

  private void refused(String url, String why) {
    assertThatThrownBy(() -> allowed.check(ObjectUri.parse(url)))
        .isInstanceOfSatisfying(
            SourceNotAllowedException.class, e -> assertThat(e.url()).isEqualTo(url))
        .hasMessage(
            "Refused to import "
                + url
                + ": "
                + why
                + " The server's operator decides which buckets may be imported from.");
  }

  @Test
  void a_listed_bucket_allows_every_key_and_a_prefix_only_its_folder() {
    ok("b2://exports/any/key.csv");
    ok("s3://exports/");
    ok("b2://landing/2026/jan.csv");
    ok("b2://landing/2026/");
    ok("s3://shared/teams/a/x.csv");

    refused("b2://secrets/k.csv", "bucket 'secrets' is not in DATAMAPPER_ALLOWED_BUCKETS.");
    refused(
        "b2://landing/2025/jan.csv",
        "it is outside the prefixes of bucket 'landing' in DATAMAPPER_ALLOWED_BUCKETS.");
    refused(
        "b2://landing/2026-old/jan.csv",
        "it is outside the prefixes of bucket 'landing' in DATAMAPPER_ALLOWED_BUCKETS.");
    refused(
        "b2://landing/",
        "it is outside the prefixes of bucket 'landing' in DATAMAPPER_ALLOWED_BUCKETS.");
    refused(
        "b2://landing/2026/../secret.csv",
        "it is outside the prefixes of bucket 'landing' in DATAMAPPER_ALLOWED_BUCKETS.");
  }

  @Test
  void nothing_configured_allows_every_bucket_and_bad_entries_are_refused() {
    assertThat(AllowedBuckets.parse(" ").unrestricted()).isTrue();
    AllowedBuckets.ANY.check(ObjectUri.parse("b2://anything/at/all.csv"));
    assertThatThrownBy(() -> AllowedBuckets.of(List.of("/prefix")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DATAMAPPER_ALLOWED_BUCKETS: '/prefix' is not a bucket or bucket/prefix");
  }
}
