package io.datamapper.format.xml;

import io.datamapper.format.RawRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.XmlOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs in a child JVM with a small heap (see {@code XmlMemoryTest}): {@code read FILE} streams an
 * XML file through {@link XmlRecordReader}; {@code import FILE JDBC_URL SCHEMA} imports it with the
 * {@link Importer}. Prints one line of figures; exits non-zero on any failure.
 */
public final class XmlMemoryProbe {
  static final String RECORD_PATH = "/export/rows/row";

  private XmlMemoryProbe() {}

  /** Writes {@code rows} records of 9 fields: attributes, nesting, a repeated child. */
  static void generate(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export generated=\"test\">\n <rows>\n");
      StringBuilder sb = new StringBuilder(256);
      for (int i = 1; i <= rows; i++) {
        sb.setLength(0);
        sb.append("  <row id=\"")
            .append(i)
            .append("\" kind=\"k")
            .append(i % 7)
            .append("\">")
            .append("<name>Name ")
            .append(i)
            .append(" &amp; Co</name>")
            .append("<price currency=\"EUR\">")
            .append(i % 1000)
            .append('.')
            .append(i % 100 < 10 ? "0" : "")
            .append(i % 100)
            .append("</price>")
            .append("<when>2024-")
            .append(i % 12 < 9 ? "0" : "")
            .append(i % 12 + 1)
            .append("-1")
            .append(i % 9)
            .append("</when>")
            .append("<tags><tag>t")
            .append(i % 5)
            .append("</tag><tag>u")
            .append(i % 3)
            .append("</tag></tags>")
            .append("<addr><city>City ")
            .append(i % 100)
            .append("</city><zip>")
            .append(10000 + i % 90000)
            .append("</zip></addr>")
            .append("</row>\n");
        w.append(sb);
      }
      w.write(" </rows>\n</export>\n");
    }
  }

  static String mapping(String schema) {
    return """
        source: { format: xml, xml: { recordPath: %s } }
        target: { schema: %s, table: big }
        columns:
          - { source: "@id", name: id, type: bigint, nullable: false }
          - { source: "@kind", name: kind }
          - { source: name }
          - { source: price, type: "numeric(8,2)" }
          - { source: price.@currency, name: currency }
          - { source: when, name: day, type: date }
          - { source: tags.tag, name: tags, type: jsonb }
          - { source: addr.city, name: city }
          - { source: addr.zip, name: zip, type: integer }
        """
        .formatted(RECORD_PATH, schema);
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    long bytes = Files.size(file);
    long start = System.nanoTime();
    long records;
    if (args[0].equals("read")) {
      records = 0;
      long checksum = 0;
      try (InputStream in = Files.newInputStream(file);
          XmlRecordReader reader =
              new XmlRecordReader(
                  in,
                  null,
                  new XmlOptions(RECORD_PATH),
                  file.getFileName().toString(),
                  List.of())) {
        for (RawRecord r; (r = reader.next()) != null; ) {
          records++;
          checksum += r.values().length + (r.values()[0] == null ? 0 : r.values()[0].length());
        }
      }
      if (checksum == 0) throw new IllegalStateException("no values read");
    } else {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(args[2]);
      ImportSummary summary =
          Importer.builder()
              .dataSource(ds)
              .build()
              .run(
                  ImportRequest.of(
                      ImportSource.of(file), MappingReader.parse(mapping(args[3]), "probe.yaml")));
      records = summary.rowsInserted();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.printf(
        "%s records=%d seconds=%.2f records_per_s=%.0f mb_per_s=%.1f max_heap_mb=%d peak_heap_pools_mb=%d%n",
        args[0],
        records,
        seconds,
        records / seconds,
        bytes / 1e6 / seconds,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        peak / (1024 * 1024));
  }
}
