package io.datamapper.load;

import io.datamapper.mapping.MappingReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Run in a child JVM with a small heap by {@link LargeWorkbookTest}: imports a workbook through the
 * {@link Importer} and prints "rows=N heapPeakMB=M". Arguments: workbook, JDBC URL, schema, table.
 */
public final class LargeWorkbookImport {
  private LargeWorkbookImport() {}

  public static void main(String[] args) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(args[1]);
    String mapping =
        """
        source: { format: excel }
        target: { schema: %s, table: %s }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name }
          - { source: code, name: code }
          - { source: amount, name: amount, type: numeric }
          - { source: ratio, name: ratio, type: double }
          - { source: day, name: day, type: date }
          - { source: stamp, name: stamp, type: timestamp }
          - { source: flag, name: flag, type: boolean }
          - { source: city, name: city }
          - { source: note, name: note }
        policies: { duplicateFile: allow }
        """
            .formatted(args[2], args[3]);
    ImportSummary summary =
        Importer.builder()
            .dataSource(ds)
            .build()
            .run(
                ImportRequest.of(
                    ImportSource.of(Path.of(args[0])), MappingReader.parse(mapping, "large.yaml")));
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.println(
        "rows="
            + summary.rowsInserted()
            + " heapPeakMB="
            + (peak >> 20)
            + " ms="
            + summary.durationMillis());
  }
}
