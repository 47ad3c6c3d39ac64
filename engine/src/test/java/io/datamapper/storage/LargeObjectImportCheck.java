package io.datamapper.storage;

import io.datamapper.db.Database;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import java.net.URI;

/**
 * Run in a child JVM with a small heap by {@link LargeObjectImportTest}: imports {@code LOCATION}
 * from the S3 server at {@code ENDPOINT} into {@code SCHEMA.big} of the PostgreSQL at {@code
 * JDBC_URL}, then prints one line of figures. Exits non-zero on failure.
 */
public final class LargeObjectImportCheck {
  private LargeObjectImportCheck() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String location = args[1];
    String jdbcUrl = args[2];
    String schema = args[3];
    String mapping =
        """
        source: { format: csv }
        target: { schema: %s, table: big }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name }
          - { source: amount, name: amount, type: "numeric(10,2)" }
        """
            .formatted(schema);
    long start = System.nanoTime();
    StorageConfig config = S3TestServer.config(endpoint, S3TestServer.KEY_ID, S3TestServer.SECRET);
    try (Database db = Database.external(jdbcUrl);
        ResolvedSources sources = Sources.resolve(location, config)) {
      ImportSummary summary =
          Importer.builder()
              .dataSource(db.dataSource())
              .build()
              .run(
                  ImportRequest.of(
                      sources.sources().get(0), MappingReader.parse(mapping, "big.yaml")));
      double seconds = (System.nanoTime() - start) / 1e9;
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          "records=%d bytes=%d seconds=%.2f mb_per_s=%.1f max_heap_mb=%d%n",
          summary.rowsInserted(),
          summary.fileSize(),
          seconds,
          summary.fileSize() / 1e6 / seconds,
          rt.maxMemory() >> 20);
    }
  }
}
