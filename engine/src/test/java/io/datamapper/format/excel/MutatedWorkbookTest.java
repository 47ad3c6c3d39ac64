package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random damage to real workbooks: every read either succeeds or fails with a
 * {@link BadFileException}, and none hangs.
 */
class MutatedWorkbookTest {
  private static final int MUTANTS = 40;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-features.xlsx", "libreoffice-features.xls", "deaths.xlsx", "type-me.xls"})
  void damaged_workbooks_fail_only_with_bad_file_exceptions(String name) throws IOException {
    byte[] original = Files.readAllBytes(Workbooks.file(name));
    Random random = new Random(name.hashCode());
    List<String> unexpected = new ArrayList<>();
    for (int i = 0; i < MUTANTS; i++) {
      byte[] bytes = original.clone();
      int flips = 1 + random.nextInt(8);
      for (int f = 0; f < flips; f++) {
        // keep the signature so the damage reaches the readers
        bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
      }
      Path file = dir.resolve(i + "-" + name);
      Files.write(file, bytes);
      for (long budget : new long[] {Long.MAX_VALUE, 0}) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(file, budget));
        if (t != null && !(t instanceof BadFileException)) unexpected.add(file.getFileName() + " (budget " + budget + "): " + t);
      }
    }
    assertThat(unexpected).isEmpty();
  }

  private static Throwable read(Path file, long budget) {
    try (RecordReader r = ExcelRecordReader.open(ExcelRecordReader.openBook(file, file.getFileName().toString(), budget), null,
        file.getFileName().toString())) {
      while (r.next() != null) {
        // read everything
      }
      return null;
    } catch (Exception e) {
      return e;
    }
  }
}
