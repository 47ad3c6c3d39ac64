package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.datamapper.format.BadFileException;
import io.datamapper.format.ReadLimits;
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
 * Seeded random damage to real workbooks: every read either succeeds or fails with a {@link
 * BadFileException}, and none hangs.
 */
class MutatedWorkbookTest {
  private static final int MUTANTS = 40;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "libreoffice-features.xlsx",
        "libreoffice-features.xls",
        "deaths.xlsx",
        "type-me.xls"
      })
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
      for (ReadLimits limits : List.of(ReadLimits.DEFAULT, TIGHT)) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read(file, limits));
        if (t != null && !(t instanceof BadFileException))
          unexpected.add(file.getFileName() + " (" + limits + "): " + t);
      }
    }
    assertThat(unexpected).isEmpty();
  }

  /** Limits small enough that damaged parts run into them too. */
  private static final ReadLimits TIGHT =
      new ReadLimits(64, 256, 20, 100, 64 * 1024, 16 * 1024, 100, 4096, Duration.ofSeconds(1));

  private static Throwable read(Path file, ReadLimits limits) {
    try (RecordReader r =
        ExcelRecordReader.open(
            ExcelRecordReader.openBook(file, file.getFileName().toString(), limits),
            null,
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
