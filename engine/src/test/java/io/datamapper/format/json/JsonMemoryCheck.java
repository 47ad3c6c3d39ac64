package io.datamapper.format.json;

import io.datamapper.db.Database;
import io.datamapper.format.RawRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link JsonMemoryTest}: {@code read FILE} streams the
 * file through {@link JsonRecordReader}; {@code import FILE JDBC_URL SCHEMA} imports it; {@code
 * endless} reads a record whose string never ends and must be refused at the string limit. Prints
 * one line of figures (or the refusal); exits non-zero on any other outcome.
 */
public final class JsonMemoryCheck {
  private JsonMemoryCheck() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("endless")) {
      InputStream endless =
          new java.io.SequenceInputStream(
              new java.io.ByteArrayInputStream(
                  "[{\"a\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
              new JsonImportTest.EndlessInput((byte) 'x'));
      try (JsonRecordReader reader =
          new JsonRecordReader(endless, null, null, "endless.json", List.of())) {
        throw new IllegalStateException("an endless string was read: " + reader.fields());
      } catch (io.datamapper.format.BadFileException e) {
        System.out.println("refused=" + e.getMessage());
      }
      return;
    }
    Path file = Path.of(args[1]);
    long bytes = Files.size(file);
    long start = System.nanoTime();
    long records;
    if (args[0].equals("read")) {
      records = 0;
      try (InputStream in = Files.newInputStream(file);
          JsonRecordReader reader =
              new JsonRecordReader(in, null, null, file.getFileName().toString(), List.of())) {
        for (RawRecord r; (r = reader.next()) != null; ) {
          if (r.values().length != reader.fields().size())
            throw new IllegalStateException("record " + r.number());
          records++;
        }
      }
    } else {
      String mapping =
          """
          source: { format: json }
          target: { schema: %s, table: events }
          columns:
            - { source: id, name: id, type: bigint }
            - { source: ts, name: ts, type: timestamptz }
            - { source: kind, name: kind }
            - { source: amount, name: amount, type: "numeric(12,2)" }
            - { source: ok, name: ok, type: boolean }
            - { source: user.name, name: user_name }
            - { source: user.geo.lat, name: lat, type: double precision }
            - { source: tags, name: tags, type: jsonb }
          """
              .formatted(args[3]);
      try (Database db = Database.external(args[2])) {
        ImportSummary summary =
            Importer.builder()
                .dataSource(db.dataSource())
                .build()
                .run(
                    ImportRequest.of(
                        ImportSource.of(file), MappingReader.parse(mapping, "memory-check.yaml")));
        records = summary.rowsInserted();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "records=%d seconds=%.2f records_per_s=%.0f mb_per_s=%.1f max_heap_mb=%d used_heap_mb=%d%n",
        records,
        seconds,
        records / seconds,
        bytes / 1e6 / seconds,
        rt.maxMemory() >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }
}
