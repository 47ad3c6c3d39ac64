package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory bound of the issue: a 200,000-row xlsx imports in a JVM with -Xmx256m. */
class LargeWorkbookTest {
  static final int ROWS = 200_000;

  @TempDir Path dir;

  @Test
  void a_200_000_row_xlsx_imports_with_a_256_mb_heap() throws Exception {
    Migrations.migrate(TestDatabase.dataSource());
    String schema = TestDatabase.freshSchema("large");
    Path file = dir.resolve("large.xlsx");
    write(file);

    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                LargeWorkbookImport.class.getName(),
                file.toString(),
                TestDatabase.jdbcUrl(),
                schema,
                "big"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(done).as("finished in time; output: %s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
    assertThat(out).contains("rows=" + ROWS);
    assertThat(TestDatabase.count(schema + ".big")).isEqualTo(ROWS);
    assertThat(TestDatabase.query("SELECT * FROM " + schema + ".big WHERE id = 200000").get(0))
        .containsEntry("code", "000000")
        .containsEntry(
            "day", java.sql.Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(200_000 % 2000)))
        .containsEntry("flag", true)
        .containsEntry("note", "Note about row 0");
    System.out.println("LargeWorkbookTest: " + out.strip());
  }

  /**
   * ~10 columns of numbers, text with leading zeros, dates, date-times and booleans (fastexcel's
   * writer).
   */
  static void write(Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "datamapper-test", "1.0");
      Worksheet ws = wb.newWorksheet("data");
      String[] header = {
        "id", "name", "code", "amount", "ratio", "day", "stamp", "flag", "city", "note"
      };
      for (int c = 0; c < header.length; c++) ws.value(0, c, header[c]);
      LocalDate day0 = LocalDate.of(2020, 1, 1);
      LocalDateTime stamp0 = LocalDateTime.of(2020, 1, 1, 0, 0);
      for (int r = 1; r <= ROWS; r++) {
        ws.value(r, 0, r);
        ws.value(r, 1, "Name " + (r % 5000));
        ws.value(r, 2, String.format("%06d", r % 1000));
        ws.value(r, 3, r * 1.25);
        ws.value(r, 4, r / 7.0);
        ws.value(r, 5, day0.plusDays(r % 2000));
        ws.style(r, 5).format("yyyy-mm-dd").set();
        ws.value(r, 6, stamp0.plusMinutes(r));
        ws.style(r, 6).format("yyyy-mm-dd hh:mm:ss").set();
        ws.value(r, 7, r % 2 == 0);
        ws.value(r, 8, "City " + (r % 300));
        ws.value(r, 9, "Note about row " + (r % 20000));
        if (r % 10_000 == 0) ws.flush();
      }
      wb.finish();
    }
  }
}
