package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook whose shared-strings table is larger than the heap could hold as Java strings still
 * reads in a small heap: the table goes to a temporary file.
 */
class LargeSharedStringsTest {
  static final int ROWS = 300_000;

  @TempDir Path dir;

  @Test
  void a_workbook_with_600_000_unique_strings_reads_with_a_64_mb_heap() throws Exception {
    Path file = dir.resolve("strings.xlsx");
    write(file);

    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            CountExcelRows.class.getName(),
            file.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(done).as("finished in time; output: %s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
    // two unique strings of 40-odd characters per row: ~60 MB as Java strings, more than the heap
    assertThat(out).contains("rows=" + ROWS).contains("book=XlsxStreamBook");
    System.out.println("LargeSharedStringsTest: " + out.strip());
  }

  static void write(Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "datamapper-test", "1.0");
      Worksheet ws = wb.newWorksheet("strings");
      ws.value(0, 0, "id");
      ws.value(0, 1, "first");
      ws.value(0, 2, "second");
      for (int r = 1; r <= ROWS; r++) {
        ws.value(r, 0, r);
        ws.value(r, 1, "first unique string " + r + " with some padding");
        ws.value(r, 2, "second unique string " + r + " with more padding");
        if (r % 10_000 == 0) ws.flush();
      }
      wb.finish();
    }
  }
}
