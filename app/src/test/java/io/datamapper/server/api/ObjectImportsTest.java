package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.ledger.Ledger;
import io.datamapper.load.Importer;
import io.datamapper.server.ImportMetrics;
import io.datamapper.storage.AllowedBuckets;
import io.datamapper.storage.SourceNotAllowedException;
import io.datamapper.storage.StorageConfig;
import io.datamapper.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the server reads on a caller's behalf, whatever a request or a task row says: b2://, s3://
 * and http(s):// URLs only, buckets from the allow-list, hosts on public addresses. Each refusal
 * comes before any connection (the store's endpoint here leads nowhere).
 */
class ObjectImportsTest {
  private final StorageConfig nowhere =
      StorageConfig.fromEnvironment(Map.of())
          .withEndpoint(URI.create("http://127.0.0.1:1"), "us-east-1");
  private final ObjectImports imports =
      new ObjectImports(
          Importer.builder().dataSource(TestDatabase.dataSource()).build(),
          new Ledger(TestDatabase.dataSource()),
          nowhere,
          AllowedBuckets.parse("exports"),
          new ImportMetrics(new SimpleMeterRegistry()));

  @Test
  void a_path_or_file_url_on_the_server_is_never_read() {
    for (String url :
        new String[] {"file:///etc/passwd", "/etc/passwd", "jar:file:///app.jar!/x"}) {
      assertThatThrownBy(() -> imports.resolve(url))
          .as(url)
          .isInstanceOf(SourceNotAllowedException.class)
          .hasMessage("The server imports only b2://, s3:// and https:// URLs.");
    }
  }

  @Test
  void a_bucket_outside_the_list_and_a_loopback_or_metadata_url_are_refused_before_connecting() {
    assertThatThrownBy(() -> imports.resolve("s3://secrets/keys.csv"))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageContaining("bucket 'secrets' is not in DATAMAPPER_ALLOWED_BUCKETS");
    assertThatThrownBy(() -> imports.resolve("http://127.0.0.1:1/x.csv"))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageContaining("127.0.0.1 is a loopback address");
    assertThatThrownBy(() -> imports.resolve("http://169.254.169.254/latest/meta-data/"))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageContaining("169.254.169.254 is a cloud metadata address");
  }
}
