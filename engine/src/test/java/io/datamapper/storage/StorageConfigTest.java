package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

  @Test
  void b2_urls_reach_the_regions_s3_endpoint_with_the_b2_keys() {
    StorageConfig c =
        StorageConfig.fromEnvironment(
            Map.of(
                "B2_REGION",
                "us-west-004",
                "B2_APPLICATION_KEY_ID",
                "kid",
                "B2_APPLICATION_KEY",
                "ksecret",
                "AWS_ACCESS_KEY_ID",
                "aws",
                "AWS_SECRET_ACCESS_KEY",
                "awssecret"));

    assertThat(c.storeFor("b2"))
        .isEqualTo(
            new StorageConfig.Store(
                URI.create("https://s3.us-west-004.backblazeb2.com"),
                "us-west-004",
                "kid",
                "ksecret"));
    assertThat(c.storeFor("s3")).isEqualTo(new StorageConfig.Store(null, null, "aws", "awssecret"));
  }

  @Test
  void s3_urls_honour_the_aws_variables_and_the_datamapper_ones_first() {
    StorageConfig c =
        StorageConfig.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL",
                "https://generic.example",
                "AWS_ENDPOINT_URL_S3",
                "https://s3.example",
                "AWS_REGION",
                "eu-central-1",
                "DATAMAPPER_S3_REGION",
                "auto"));

    assertThat(c.storeFor("s3").endpoint()).isEqualTo(URI.create("https://s3.example"));
    assertThat(c.storeFor("s3").region()).isEqualTo("auto");
    assertThat(c.storeFor("s3").hasCredentials()).isFalse();
  }

  @Test
  void b2_borrows_an_s3_endpoint_at_backblaze_and_its_region() {
    StorageConfig c =
        StorageConfig.fromEnvironment(
            Map.of(
                "DATAMAPPER_S3_ENDPOINT",
                "https://s3.eu-central-003.backblazeb2.com",
                "AWS_ACCESS_KEY_ID",
                "aws",
                "AWS_SECRET_ACCESS_KEY",
                "awssecret"));

    assertThat(c.storeFor("b2"))
        .isEqualTo(
            new StorageConfig.Store(
                URI.create("https://s3.eu-central-003.backblazeb2.com"),
                "eu-central-003",
                "aws",
                "awssecret"));
  }

  @Test
  void b2_without_a_region_asks_for_one() {
    assertThatThrownBy(() -> StorageConfig.fromEnvironment(Map.of()).storeFor("b2"))
        .isInstanceOf(DataMapperException.class)
        .hasMessageStartingWith("b2:// needs the bucket's region: set B2_REGION");
  }

  @Test
  void secrets_never_show_in_the_text_of_the_settings() {
    StorageConfig c =
        StorageConfig.fromEnvironment(
            Map.of(
                "B2_REGION",
                "us-west-004",
                "B2_APPLICATION_KEY_ID",
                "kid",
                "B2_APPLICATION_KEY",
                "very-secret-b2",
                "AWS_ACCESS_KEY_ID",
                "aws",
                "AWS_SECRET_ACCESS_KEY",
                "very-secret-aws"));

    assertThat(c.toString())
        .doesNotContain("very-secret")
        .doesNotContain("kid")
        .contains("credentials=set");
    assertThat(c.storeFor("b2").toString()).doesNotContain("very-secret-b2");
  }

  @Test
  void object_urls_split_into_bucket_and_key_and_prefixes_end_with_a_slash() {
    assertThat(ObjectUri.parse("b2://bucket/2026/sales.csv"))
        .isEqualTo(new ObjectUri("b2", "bucket", "2026/sales.csv"));
    assertThat(ObjectUri.parse("b2://bucket/2026/sales.csv").fileName()).isEqualTo("sales.csv");
    assertThat(ObjectUri.parse("S3://bucket/2026/").isPrefix()).isTrue();
    assertThat(ObjectUri.parse("s3://bucket").isPrefix()).isTrue();
    assertThatThrownBy(() -> ObjectUri.parse("s3:///key")).hasMessageContaining("names no bucket");
    assertThat(Sources.isRemote("https://example.com/a.csv")).isTrue();
    assertThat(Sources.isRemote("data/a.csv")).isFalse();
  }
}
