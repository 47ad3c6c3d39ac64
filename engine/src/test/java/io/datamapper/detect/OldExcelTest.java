package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.testing.ImportFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excel 5.0/95 (BIFF5): an OLE2 container whose workbook stream is named {@code Book}, which POI's
 * HSSF refuses. Detection and import name the version and the way out instead of a parse error.
 */
class OldExcelTest {
  @TempDir Path dir;

  /** A minimal BIFF5 workbook: a {@code Book} stream holding a BOF (version 0x0500) and EOF. */
  private Path biff5() throws IOException {
    byte[] book = {
      0x09,
      0x08,
      0x08,
      0x00,
      0x00,
      0x05,
      0x05,
      0x00,
      (byte) 0xCD,
      0x07,
      (byte) 0xC9,
      0x07, // BOF
      0x0A,
      0x00,
      0x00,
      0x00 // EOF
    };
    Path file = dir.resolve("excel95.xls");
    try (POIFSFileSystem fs = new POIFSFileSystem();
        OutputStream out = Files.newOutputStream(file)) {
      fs.createDocument(new ByteArrayInputStream(book), "Book");
      fs.writeFilesystem(out);
    }
    return file;
  }

  @Test
  void an_excel_95_workbook_is_named_as_biff5_with_the_way_out_on_detection_and_import()
      throws IOException {
    Path file = biff5();

    assertThatThrownBy(() -> Detector.detect(file))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining(
            "excel95.xls is an Excel 5.0/95 workbook (BIFF5), which is not supported")
        .hasMessageContaining("save it as .xlsx");
    ImportFixture fx = new ImportFixture(dir, "biff5");
    assertThatThrownBy(
            () ->
                fx.run(
                    file,
                    "source: { format: excel }\n"
                        + "target: { schema: %s, table: old }\n"
                        + "columns: [ { source: a } ]\n"))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("Excel 5.0/95 workbook (BIFF5)");
  }
}
