package io.datamapper.format.excel;

import io.datamapper.format.RecordReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link LargeSharedStringsTest}: reads a workbook through
 * {@link ExcelRecordReader} and prints "rows=N chars=C book=KIND heapPeakMB=M".
 */
public final class CountExcelRows {
  private CountExcelRows() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long rows = 0;
    long chars = 0;
    String kind;
    try (ExcelBook book = ExcelRecordReader.openBook(file, file.getFileName().toString())) {
      kind = book.getClass().getSimpleName();
    }
    try (RecordReader r = ExcelRecordReader.open(file, null, file.getFileName().toString())) {
      for (var rec = r.next(); rec != null; rec = r.next()) {
        rows++;
        for (String v : rec.values()) chars += v == null ? 0 : v.length();
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.println(
        "rows=" + rows + " chars=" + chars + " book=" + kind + " heapPeakMB=" + (peak >> 20));
  }
}
