package io.datamapper.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class SourceInputTest {

  private static SourceInput.Opened open(byte[] bytes, String name) throws IOException {
    return SourceInput.open(
        new ByteArrayInputStream(bytes), name, null, DecompressionLimits.DEFAULT);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] zip(String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        if (namesAndContents[i + 1] != null)
          zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void names_the_format_from_the_content_and_the_extension() {
    assertThat(SourceInput.sniff("a,b\n1,2\n".getBytes(), "x.csv")).isEqualTo(Format.CSV);
    assertThat(SourceInput.sniff("  [{\"a\":1}]".getBytes(), "data")).isEqualTo(Format.JSON);
    assertThat(SourceInput.sniff("{\"a\":1}\n{\"a\":2}\n".getBytes(), "log.ndjson"))
        .isEqualTo(Format.JSON);
    assertThat(
            SourceInput.sniff(
                "\uFEFF<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8), "feed"))
        .isEqualTo(Format.XML);
    assertThat(
            SourceInput.sniff(
                new byte[] {
                  (byte) 0xD0,
                  (byte) 0xCF,
                  0x11,
                  (byte) 0xE0,
                  (byte) 0xA1,
                  (byte) 0xB1,
                  0x1A,
                  (byte) 0xE1
                },
                "old.xls"))
        .isEqualTo(Format.EXCEL);
    assertThat(SourceInput.sniff("{not json, but named csv}".getBytes(), "odd.csv"))
        .isEqualTo(Format.CSV);
  }

  @Test
  void unwraps_gzip_and_names_the_inner_file() throws IOException {
    SourceInput.Opened opened = open(gzip("a,b\n1,2\n".getBytes()), "orders.csv.gz");

    assertThat(opened.compression()).isEqualTo("gzip");
    assertThat(opened.innerName()).isEqualTo("orders.csv");
    assertThat(opened.format()).isEqualTo(Format.CSV);
    assertThat(new String(opened.stream().readAllBytes())).isEqualTo("a,b\n1,2\n");
  }

  @Test
  void unwraps_a_zip_with_one_file_and_skips_mac_metadata() throws IOException {
    SourceInput.Opened opened =
        open(zip("__MACOSX/._data.json", "junk", "data.json", "[{\"a\":1}]"), "data.zip");

    assertThat(opened.format()).isEqualTo(Format.JSON);
    assertThat(opened.innerName()).isEqualTo("data.json");
    assertThat(new String(opened.stream().readAllBytes())).isEqualTo("[{\"a\":1}]");
  }

  @Test
  void refuses_a_zip_with_several_files_and_an_empty_zip() throws IOException {
    byte[] two = zip("a.csv", "x\n1\n", "b.csv", "x\n2\n");
    // the second file shows up when the first ends: while peeking here, while reading for a long
    // one
    assertThatThrownBy(() -> open(two, "two.zip").stream().readAllBytes())
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("two.zip holds more than one file (b.csv");

    assertThatThrownBy(() -> open(zip("dir/", null), "empty.zip"))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("empty zip archive");
  }

  @Test
  void stops_a_gzip_bomb_early_without_expanding_it() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      byte[] ones = "1\n".repeat(1 << 19).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 1024; i++) gz.write(ones); // 1 GB of "1\n", about 1 MB compressed
    }
    SourceInput.Opened opened = open(out.toByteArray(), "bomb.csv.gz");

    assertThatThrownBy(() -> drain(opened.stream()))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("bomb.csv.gz expands more than 200×")
        .hasMessageContaining("decompression bomb");
  }

  @Test
  void stops_at_the_absolute_expansion_limit() throws IOException {
    byte[] big = gzip(new byte[100_000]);

    assertThatThrownBy(
            () ->
                drain(
                    SourceInput.open(
                        new ByteArrayInputStream(big),
                        "big.gz",
                        null,
                        new DecompressionLimits(50_000, 1e9, 0))
                        .stream()))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("expands to more than");
  }

  @Test
  void refuses_a_binary_file_named_like_text_but_reads_utf16() throws IOException {
    byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0};

    assertThatThrownBy(() -> open(elf, "program.csv"))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("program.csv does not look like a text file");
    assertThat(open("a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE), "wide.csv").format())
        .isEqualTo(Format.CSV);
  }

  @Test
  void refuses_opendocument_spreadsheets_with_advice() throws IOException {
    byte[] ods =
        zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>");
    byte[] fods =
        "<?xml version=\"1.0\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> open(ods, "book.ods"))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("book.ods is an OpenDocument file");
    assertThatThrownBy(() -> open(fods, "book.fods"))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("save it as .xlsx or CSV");
  }

  @Test
  void leaves_an_xlsx_whole() throws IOException {
    byte[] xlsx = zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>");

    SourceInput.Opened opened = open(xlsx, "book.xlsx");

    assertThat(opened.format()).isEqualTo(Format.EXCEL);
    assertThat(opened.compression()).isNull();
    assertThat(opened.stream().readAllBytes()).isEqualTo(xlsx);
  }

  @Test
  void detects_legacy_single_byte_encodings_by_their_statistics() {
    String russian =
        "Имя,Город\nИван Петров,Москва\nОльга Смирнова,Санкт-Петербург\nПётр Иванов,Новосибирск\n"
            .repeat(5);
    byte[] cp1251 = russian.getBytes(Charset.forName("windows-1251"));
    byte[] latin =
        "name,city\nJosé,Zürich\nFrançoise,Besançon\n".getBytes(Charset.forName("windows-1252"));

    assertThat(CharsetDetector.detect(cp1251, cp1251.length).charset())
        .isEqualTo(Charset.forName("windows-1251"));
    assertThat(CharsetDetector.detect(latin, latin.length).charset())
        .isEqualTo(CharsetDetector.WINDOWS_1252);
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) total += n;
    return total;
  }
}
