package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.testing.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 finding 4: an xlsx whose parts lie about their size or inflate to hundreds of megabytes
 * from a few hundred KB is read by what it inflates, never by what it declares, and refused at a
 * limit that names the part or the place and the setting.
 */
class LyingWorkbookTest {
  @TempDir Path dir;

  private static void readAll(Path file, ReadLimits limits) throws IOException {
    try (RecordReader r =
        ExcelRecordReader.open(
            Files.newInputStream(file), null, file.getFileName().toString(), limits)) {
      while (r.next() != null) {
        // everything
      }
    }
  }

  private static ReadLimits with(long partBytes, int sharedStrings) {
    ReadLimits d = ReadLimits.DEFAULT;
    return new ReadLimits(
        d.maxValueChars(),
        d.maxRecordChars(),
        d.maxNestingDepth(),
        d.maxRecordElements(),
        partBytes,
        d.maxXlsxMetadataBytes(),
        sharedStrings,
        d.maxSharedStringsBytes(),
        Duration.ofSeconds(1));
  }

  @Test
  void
      a_shared_strings_part_that_declares_100_bytes_and_inflates_to_340_mb_stops_at_the_value_limit()
          throws IOException {
    Path file =
        HostileFiles.xlsx(dir.resolve("lying.xlsx"), HostileFiles.oneHugeString(340L << 20), null);
    HostileFiles.declareSize(file, "xl/sharedStrings.xml", 100);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertThat(zip.getEntry("xl/sharedStrings.xml").getSize()).as("the lie").isEqualTo(100);
    }
    assertThat(Files.size(file)).as("on disk").isLessThan(2L << 20);

    assertThatThrownBy(() -> readAll(file, ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "lying.xlsx: a text in the shared-strings table is longer than 16,777,216 characters; the limit is 16 MB"
                + " (datamapper.limits.max-value-size). If the file is genuine, raise the setting.");
  }

  @Test
  void a_part_is_stopped_at_the_inflated_part_limit_whatever_it_declares() throws IOException {
    Path file =
        HostileFiles.xlsx(dir.resolve("lying.xlsx"), HostileFiles.oneHugeString(340L << 20), null);
    HostileFiles.declareSize(file, "xl/sharedStrings.xml", 100);

    assertThatThrownBy(() -> readAll(file, with(8L << 20, 1000)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "lying.xlsx: the xlsx part xl/sharedStrings.xml inflates to more than 8 MB (8,388,608 bytes); the limit is"
                + " 8 MB (datamapper.limits.max-xlsx-part-size). If the file is genuine, raise the setting.");
  }

  @Test
  void a_table_of_too_many_shared_strings_is_refused_at_the_count_limit() throws IOException {
    Path file =
        HostileFiles.xlsx(dir.resolve("many.xlsx"), HostileFiles.manyStrings(1_000_001), null);

    assertThatThrownBy(() -> readAll(file, with(2L << 30, 1_000_000)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "many.xlsx: the shared-strings table holds more than 1,000,000 strings; the limit is 1,000,000"
                + " (datamapper.limits.max-shared-strings). If the file is genuine, raise the setting.");
  }

  @Test
  void a_sheet_part_inflating_to_300_mb_stops_at_the_part_limit() throws IOException {
    Path file =
        HostileFiles.xlsx(
            dir.resolve("sheet.xlsx"),
            HostileFiles.smallStrings(),
            HostileFiles.hugeSheet(300L << 20));
    HostileFiles.declareSize(file, "xl/worksheets/sheet1.xml", 100);

    assertThatThrownBy(() -> readAll(file, with(64L << 20, 1000)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith(
            "sheet.xlsx: the xlsx part xl/worksheets/sheet1.xml inflates to more than 64 MB");
  }

  @Test
  void a_row_of_wide_cells_stops_at_the_record_limit_and_a_huge_cell_at_the_value_limit()
      throws IOException {
    Path wide =
        HostileFiles.xlsx(
            dir.resolve("wide.xlsx"),
            HostileFiles.smallStrings(),
            HostileFiles.wideRow(6_000, 4_000));
    Path cell =
        HostileFiles.xlsx(
            dir.resolve("cell.xlsx"),
            HostileFiles.smallStrings(),
            HostileFiles.wideRow(1, 17_000_000));

    assertThatThrownBy(() -> readAll(wide, ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "wide.xlsx: row 2 of sheet 'Data' holds more than 20,971,520 characters; the limit is 20 MB"
                + " (datamapper.limits.max-record-size). If the file is genuine, raise the setting.");
    assertThatThrownBy(() -> readAll(cell, ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith(
            "cell.xlsx: a cell in column A of sheet 'Data' (row 2) is longer than 16,777,216 characters")
        .hasMessageContaining(
            "is longer than 16,777,216 characters; the limit is 16 MB (datamapper.limits.max-value-size)");
  }

  @Test
  void a_zip_directory_larger_than_the_metadata_limit_is_refused_before_it_is_read()
      throws IOException {
    Path file = HostileFiles.xlsx(dir.resolve("ok.xlsx"), HostileFiles.smallStrings(), null);
    ReadLimits d = ReadLimits.DEFAULT;
    ReadLimits tiny =
        new ReadLimits(
            d.maxValueChars(),
            d.maxRecordChars(),
            d.maxNestingDepth(),
            d.maxRecordElements(),
            d.maxXlsxPartBytes(),
            100,
            d.maxSharedStrings(),
            d.maxSharedStringsBytes(),
            d.maxRegexTime());

    assertThatThrownBy(() -> readAll(file, tiny))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith("ok.xlsx: the ZIP directory of the xlsx file is")
        .hasMessageContaining("(datamapper.limits.max-xlsx-metadata-size)");
    readAll(file, d); // the same file within the default limits reads
  }
}
