package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.ExcelOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our streaming xlsx reader reads every real xlsx exactly as fastexcel-reader does. */
class XlsxStreamBookTest {
  @TempDir Path dir;

  private static List<String> readAll(ExcelBook book, String sheet, String name)
      throws IOException {
    List<String> out = new ArrayList<>();
    try (RecordReader r = ExcelRecordReader.open(book, new ExcelOptions(sheet, null, null), name)) {
      out.add(String.join("|", r.fields()));
      RawRecord rec;
      while ((rec = r.next()) != null) out.add(rec.number() + "@" + rec.line() + " " + r.raw(rec));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "libreoffice-features.xlsx",
        "libreoffice-1904.xlsx",
        "deaths.xlsx",
        "datasets.xlsx",
        "type-me.xlsx"
      })
  void reads_every_sheet_like_the_fastexcel_path(String name) throws IOException {
    Path file = Workbooks.file(name);
    List<ExcelBook.SheetInfo> sheets;
    try (ExcelBook book = fastexcel(file, name)) {
      sheets = book.sheets();
    }
    for (ExcelBook.SheetInfo sheet : sheets) {
      List<String> fast = readAll(fastexcel(file, name), sheet.name(), name);
      ExcelBook streamed = ExcelRecordReader.openBook(file, name);
      assertThat(streamed).isInstanceOf(XlsxStreamBook.class);
      assertThat(readAll(streamed, sheet.name(), name))
          .as("sheet %s", sheet.name())
          .isEqualTo(fast);
    }
  }

  /** The oracle: the same workbook read by fastexcel-reader (test scope only). */
  private static ExcelBook fastexcel(Path file, String name) throws IOException {
    return XlsxBook.open(
        XlsxPackage.open(file, name, io.datamapper.format.ReadLimits.DEFAULT), file, name);
  }

  @Test
  void a_shared_string_index_past_the_table_is_a_bad_file() throws IOException {
    Path file = dir.resolve("bad-index.xlsx");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      put(
          zip,
          "[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
      put(
          zip,
          "_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
              + " Target=\"xl/workbook.xml\"/></Relationships>");
      put(
          zip,
          "xl/workbook.xml",
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
              + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
              + "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
      put(
          zip,
          "xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
              + " Target=\"worksheets/sheet1.xml\"/>"
              + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\""
              + " Target=\"sharedStrings.xml\"/></Relationships>");
      put(
          zip,
          "xl/sharedStrings.xml",
          "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>id</t></si></sst>");
      put(
          zip,
          "xl/worksheets/sheet1.xml",
          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
              + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
              + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2000000000</v></c></row></sheetData></worksheet>");
    }

    assertThatThrownBy(
            () ->
                readAll(ExcelRecordReader.openBook(file, "bad-index.xlsx"), null, "bad-index.xlsx"))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "bad-index.xlsx: a cell refers to shared string 2000000000, but the table has 1");
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
