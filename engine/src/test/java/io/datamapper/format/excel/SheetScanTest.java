package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.ExcelOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level sheet scanner on the odd corners of sheet XML: inline strings and rich-text runs,
 * cells and rows without {@code r}, CDATA, entities and character references, comments, prefixed
 * element names, other encodings, very long rows; and the same text as fastexcel-reader where that
 * reads the file too.
 */
class SheetScanTest {
  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  @TempDir Path dir;

  private Path workbook(String name, String sheetXml, String sharedStrings, Charset charset)
      throws IOException {
    Path file = dir.resolve(name);
    String rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      String type = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
      put(
          zip,
          "[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              + "<Override PartName=\"/xl/workbook.xml\" ContentType=\""
              + type
              + "sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
              + type
              + "worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\""
              + type
              + "sharedStrings+xml\"/></Types>",
          StandardCharsets.UTF_8);
      put(
          zip,
          "_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
              + rels
              + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
          StandardCharsets.UTF_8);
      put(
          zip,
          "xl/workbook.xml",
          "<workbook xmlns=\""
              + MAIN
              + "\" xmlns:r=\""
              + rels
              + "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
          StandardCharsets.UTF_8);
      put(
          zip,
          "xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
              + rels
              + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
              + "<Relationship Id=\"rId2\" Type=\""
              + rels
              + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
          StandardCharsets.UTF_8);
      put(zip, "xl/sharedStrings.xml", sharedStrings, StandardCharsets.UTF_8);
      put(zip, "xl/worksheets/sheet1.xml", sheetXml, charset);
    }
    return file;
  }

  private static void put(ZipOutputStream zip, String name, String content, Charset charset)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(charset));
    zip.closeEntry();
  }

  private static String sheet(String rows) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\""
        + MAIN
        + "\"><sheetData>"
        + rows
        + "</sheetData></worksheet>";
  }

  private static final String STRINGS =
      "<sst xmlns=\""
          + MAIN
          + "\"><si><t>name</t></si><si><t>qty</t></si>"
          + "<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space=\"preserve\">run</t></r>"
          + "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
          + "<si><t>a &amp; b &lt;c&gt; &#233;&#x4e2d;</t></si><si><t><![CDATA[<raw> & ]]>ok</t></si></sst>";

  private static List<String> rows(Path file, ExcelBook book) throws IOException {
    List<String> out = new ArrayList<>();
    String name = file.getFileName().toString();
    try (RecordReader r = ExcelRecordReader.open(book, new ExcelOptions(null, 1, null), name)) {
      out.add(String.join("|", r.fields()));
      RawRecord rec;
      while ((rec = r.next()) != null) out.add(rec.line() + " " + r.raw(rec));
    }
    return out;
  }

  private List<String> scanned(Path file) throws IOException {
    return rows(file, ExcelRecordReader.openBook(file, file.getFileName().toString()));
  }

  private List<String> fastexcel(Path file) throws IOException {
    String name = file.getFileName().toString();
    return rows(file, XlsxBook.open(XlsxPackage.open(file, name, ReadLimits.DEFAULT), file, name));
  }

  @Test
  void shared_rich_text_inline_strings_entities_and_cdata_read_as_fastexcel_reads_them()
      throws IOException {
    Path file =
        workbook(
            "odd.xlsx",
            sheet(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                    + "<!-- a comment --><?pi data?>"
                    + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>42</v></c></row>"
                    + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\"><v>-0.5</v></c></row>"
                    + "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>4</v></c><c r=\"B4\"><v>1E-3</v></c></row>"
                    + "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><r><t>in</t></r><r><rPr/>"
                    + "<t xml:space=\"preserve\">line &quot;x&quot;</t></r></is></c>"
                    + "<c r=\"B5\" t=\"b\"><v>1</v></c></row>"
                    + "<row r=\"6\" spans=\"1:2\"><c r=\"A6\" t=\"str\"><f>A1&amp;\"x\"</f><v>namex</v></c>"
                    + "<c r=\"B6\" t=\"e\"><v>#DIV/0!</v></c></row>"
                    + "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c>"
                    + "<c r=\"B7\"><v>007</v></c></row>"
                    + "<row r=\"8\"><c r=\"A8\"/><c r=\"B8\" s=\"0\"><v>100000000000000000000</v></c></row>"),
            STRINGS,
            StandardCharsets.UTF_8);

    List<String> rows = scanned(file);
    assertThat(rows).isEqualTo(fastexcel(file));
    assertThat(rows)
        .containsExactly(
            "name|qty",
            "2 rich run,42",
            "3 a & b <c> é中,-0.5",
            "4 <raw> & ok,0.001",
            "5 \"inline \"\"x\"\"\",true",
            "6 namex,#DIV/0!",
            "7 a<b,7",
            "8 ,100000000000000000000");
  }

  @Test
  void cells_and_rows_without_references_take_the_next_column_and_row() throws IOException {
    Path file =
        workbook(
            "no-refs.xlsx",
            sheet(
                "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
                    + "<row><c><v>1</v></c><c><v>2</v></c></row>"
                    + "<row r=\"5\"><c r=\"B5\"><v>3</v></c></row><row><c t=\"inlineStr\"><is><t>4</t><rPh><t>no</t></rPh></is></c></row>"),
            STRINGS,
            StandardCharsets.UTF_8);

    assertThat(scanned(file)).containsExactly("name|qty", "2 1,2", "5 ,3", "6 4,");
  }

  @Test
  void prefixed_element_names_and_single_quoted_attributes_are_read() throws IOException {
    Path file =
        workbook(
            "prefixed.xlsx",
            "<x:worksheet xmlns:x='"
                + MAIN
                + "'><x:sheetData><x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t>a</x:t></x:is>"
                + "</x:c></x:row><x:row r = '2' ><x:c r='A2' ><x:v>1.5</x:v></x:c ></x:row >"
                + "</x:sheetData></x:worksheet>",
            STRINGS,
            StandardCharsets.UTF_8);

    assertThat(scanned(file)).containsExactly("a", "2 1.5");
  }

  @Test
  void a_sheet_in_utf_16_is_read_as_its_declaration_says() throws IOException {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\""
            + MAIN
            + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Zürich 東京</t></is></c>"
            + "</row><row r=\"2\"><c r=\"A2\"><v>3</v></c></row></sheetData></worksheet>";
    Path file = workbook("utf16.xlsx", xml, STRINGS, StandardCharsets.UTF_16); // with a BOM

    assertThat(scanned(file)).containsExactly("Zürich 東京", "2 3");
  }

  @Test
  void a_very_long_row_of_many_cells_reads_whole() throws IOException {
    StringBuilder row = new StringBuilder("<row r=\"1\">");
    StringBuilder data = new StringBuilder("<row r=\"2\">");
    for (int i = 0; i < 16_384; i++) {
      String col = ExcelRecordReader.columnName(i);
      row.append("<c r=\"").append(col).append("1\" t=\"inlineStr\"><is><t>h").append(i);
      row.append("</t></is></c>");
      data.append("<c r=\"").append(col).append("2\"><v>").append(i).append("</v></c>");
    }
    Path file =
        workbook(
            "long.xlsx",
            sheet(row.append("</row>").toString() + data.append("</row>")),
            STRINGS,
            StandardCharsets.UTF_8);

    List<String> rows = scanned(file);
    assertThat(rows).isEqualTo(fastexcel(file));
    assertThat(rows.get(1)).endsWith(",16382,16383");
  }

  @Test
  void broken_xml_in_a_sheet_is_a_bad_file_naming_the_last_good_row() throws IOException {
    String[] broken = {
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></x></row>",
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>&bogus;</v></c></row>",
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=s><v>2</v></c></row>",
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><!DOCTYPE x><row r=\"2\"></row>",
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row",
    };
    for (int i = 0; i < broken.length; i++) {
      Path file =
          workbook("broken" + i + ".xlsx", sheet(broken[i]), STRINGS, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> scanned(file))
          .as(broken[i])
          .isInstanceOf(BadFileException.class)
          .hasMessageStartingWith("broken" + i + ".xlsx: sheet 'S' after row");
    }
  }
}
