package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.ExcelOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not good workbooks get a clear {@link BadFileException}, never a library
 * exception.
 */
class HostileWorkbookTest {
  @TempDir Path dir;

  private static void readAll(Path file) throws IOException {
    try (RecordReader r =
        ExcelRecordReader.open(
            file, new ExcelOptions(null, null, null), file.getFileName().toString())) {
      while (r.next() != null) {
        // read to the end
      }
    }
  }

  private Path cut(String name, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(Workbooks.file(name));
    Path file = dir.resolve("cut-" + name);
    Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
    return file;
  }

  @Test
  void a_truncated_xlsx_is_reported_as_truncated() throws IOException {
    Path file = cut("deaths.xlsx", 0.5);

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(
            "cut-deaths.xlsx is truncated or corrupt: it starts like an xlsx (ZIP) file");
  }

  @Test
  void an_encrypted_xlsx_asks_for_the_file_without_a_password() {
    assertThatThrownBy(() -> readAll(Workbooks.file("encrypted.xlsx")))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "encrypted.xlsx is password-protected (encrypted); save it without a password and try again");
  }

  @Test
  void a_corrupt_xls_is_reported_as_corrupt() throws IOException {
    byte[] all = Files.readAllBytes(Workbooks.file("deaths.xls"));
    byte[] noise = new byte[all.length - 512];
    new Random(42).nextBytes(noise);
    System.arraycopy(noise, 0, all, 512, noise.length); // keep the 512-byte OLE2 header
    Path file = dir.resolve("noise.xls");
    Files.write(file, all);

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("noise.xls")
        .hasMessageContaining("corrupt");
  }

  @Test
  void a_truncated_xls_is_reported() throws IOException {
    Path file = cut("deaths.xls", 0.5);

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("cut-deaths.xls")
        .hasMessageContaining("corrupt");
  }

  @Test
  void a_zero_byte_file_is_not_a_workbook() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.xlsx"));

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessage("empty.xlsx is empty (0 bytes), not an Excel workbook");
  }

  @Test
  void a_csv_named_xlsx_is_told_to_use_the_csv_format() throws IOException {
    Path file =
        Files.writeString(dir.resolve("orders.xlsx"), "id,name\n1,Ada\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("orders.xlsx is not an Excel workbook")
        .hasMessageContaining("set source.format to csv");
  }

  @Test
  void a_zip_without_a_workbook_is_not_a_workbook() throws IOException {
    Path file = dir.resolve("report.xlsx");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("mimetype"));
      zip.write(
          "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "report.xlsx is a ZIP archive but not an Excel workbook: it has no workbook part"
                + " (it looks like an OpenDocument file: save it as xlsx)");
  }

  @Test
  void a_sheet_whose_xml_is_cut_short_is_reported_with_the_last_good_row() throws IOException {
    // a well-formed ZIP whose sheet XML stops in the middle of the rows
    Path source = Workbooks.file("deaths.xlsx");
    Path file = dir.resolve("broken-sheet.xlsx");
    try (var in = new java.util.zip.ZipFile(source.toFile());
        OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        byte[] data = in.getInputStream(e).readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          data =
              xml.substring(0, xml.indexOf("<row r=\"9\"") + 30).getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(data);
        zip.closeEntry();
      }
    }

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("broken-sheet.xlsx: sheet 'arts' after row 8 cannot be read");
  }

  @Test
  void the_temporary_copy_of_a_stream_is_deleted_on_close_and_after_a_failure() throws IOException {
    long before = countTempCopies();
    try (RecordReader r =
        ExcelRecordReader.open(
            Files.newInputStream(Workbooks.file("deaths.xls")), null, "deaths.xls")) {
      assertThat(r.fields()).startsWith("Name");
      assertThat(countTempCopies()).isEqualTo(before + 1);
    }
    assertThat(countTempCopies()).isEqualTo(before);
    assertThatThrownBy(
            () ->
                ExcelRecordReader.open(
                    Files.newInputStream(Workbooks.file("encrypted.xlsx")), null, "e.xlsx"))
        .isInstanceOf(BadFileException.class);
    assertThat(countTempCopies()).isEqualTo(before);
  }

  private static long countTempCopies() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith("datamapper-")
                      && p.toString().endsWith(".workbook"))
          .count();
    }
  }
}
