package io.datamapper.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Generated CSVs for long imports: {@code id,name,amount} with ids 1..rows, gzipped to stay small.
 */
final class BigCsv {
  private BigCsv() {}

  private static final java.util.Map<Integer, byte[]> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The gzipped CSV of {@code rows} rows (made once per test JVM). */
  static byte[] gzip(int rows) {
    return CACHE.computeIfAbsent(rows, BigCsv::make);
  }

  private static byte[] make(int rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(bytes, rows);
    return bytes.toByteArray();
  }

  static void write(Path file, int rows) {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(OutputStream target, int rows) {
    try (GZIPOutputStream gz = new GZIPOutputStream(target, 1 << 16)) {
      StringBuilder sb = new StringBuilder(1 << 17);
      sb.append("id,name,amount\n");
      for (int i = 1; i <= rows; i++) {
        sb.append(i)
            .append(",name ")
            .append(i % 1000)
            .append(',')
            .append(i % 10_000)
            .append(".25\n");
        if (sb.length() > 1 << 16) {
          gz.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
          sb.setLength(0);
        }
      }
      gz.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String mapping(String schema, String table) {
    return """
        {"target": {"schema": "%s", "table": "%s"},
         "columns": [{"source": "id", "type": "bigint"}, {"source": "name"}, {"source": "amount", "type": "numeric(10,2)"}]}
        """
        .formatted(schema, table);
  }
}
