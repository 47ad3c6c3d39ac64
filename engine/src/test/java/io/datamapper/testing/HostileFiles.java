package io.datamapper.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real hostile files written by the tests (no mocks, no fixtures to lose): xlsx packages whose
 * parts lie about their size or inflate to hundreds of megabytes from a few hundred KB, and text
 * files with a single huge value. Each writer streams, so building a 340 MB part costs no heap.
 */
public final class HostileFiles {
  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String DOC =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private HostileFiles() {}

  /** Writes part content in pieces. */
  public interface Content {
    void write(OutputStream out) throws IOException;

    static Content of(String text) {
      return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code head}, then {@code piece} {@code times} times, then {@code tail}. */
    static Content repeat(String head, String piece, long times, String tail) {
      return out -> {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        byte[] block =
            piece
                .repeat(Math.max(1, 65_536 / Math.max(1, piece.length())))
                .getBytes(StandardCharsets.UTF_8);
        long perBlock = Math.max(1, 65_536 / Math.max(1, piece.length()));
        long left = times;
        while (left >= perBlock) {
          out.write(block);
          left -= perBlock;
        }
        byte[] one = piece.getBytes(StandardCharsets.UTF_8);
        for (long i = 0; i < left; i++) out.write(one);
        out.write(tail.getBytes(StandardCharsets.UTF_8));
      };
    }
  }

  /**
   * A valid one-sheet xlsx (a header "name" and one row pointing at shared string 0) whose {@code
   * xl/sharedStrings.xml} is {@code strings} and {@code xl/worksheets/sheet1.xml} is {@code sheet}
   * (null: the small default sheet), both deflated.
   */
  public static Path xlsx(Path file, Content strings, Content sheet) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.setLevel(9);
      put(
          zip,
          "[Content_Types].xml",
          Content.of(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                  + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                  + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                  + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                  + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                  + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                  + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                  + "</Types>"));
      put(
          zip,
          "_rels/.rels",
          Content.of(
              "<Relationships xmlns=\""
                  + RELS
                  + "\"><Relationship Id=\"rId1\" Type=\""
                  + DOC
                  + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
      put(
          zip,
          "xl/workbook.xml",
          Content.of(
              "<workbook xmlns=\""
                  + MAIN
                  + "\" xmlns:r=\""
                  + DOC
                  + "\"><sheets>"
                  + "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
      put(
          zip,
          "xl/_rels/workbook.xml.rels",
          Content.of(
              "<Relationships xmlns=\""
                  + RELS
                  + "\">"
                  + "<Relationship Id=\"rId1\" Type=\""
                  + DOC
                  + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                  + "<Relationship Id=\"rId2\" Type=\""
                  + DOC
                  + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"));
      put(zip, "xl/sharedStrings.xml", strings);
      put(
          zip,
          "xl/worksheets/sheet1.xml",
          sheet != null
              ? sheet
              : Content.of(
                  "<worksheet xmlns=\""
                      + MAIN
                      + "\"><sheetData>"
                      + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
                      + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"));
    }
    return file;
  }

  /** A small, valid shared-strings part. */
  public static Content smallStrings() {
    return Content.of("<sst xmlns=\"" + MAIN + "\"><si><t>x</t></si></sst>");
  }

  /** A shared-strings part of one string of {@code chars} characters. */
  public static Content oneHugeString(long chars) {
    return Content.repeat("<sst xmlns=\"" + MAIN + "\"><si><t>", "a", chars, "</t></si></sst>");
  }

  /** A shared-strings part of {@code count} one-character strings (17 bytes each). */
  public static Content manyStrings(long count) {
    return Content.repeat("<sst xmlns=\"" + MAIN + "\">", "<si><t>x</t></si>", count, "</sst>");
  }

  /**
   * A sheet whose data part holds {@code fillerBytes} of elements no reader uses (a part that
   * inflates hugely).
   */
  public static Content hugeSheet(long fillerBytes) {
    return Content.repeat(
        "<worksheet xmlns=\""
            + MAIN
            + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>",
        "<x/>",
        fillerBytes / 4,
        "</sheetData></worksheet>");
  }

  /**
   * A sheet whose second row holds {@code cells} inline strings of {@code chars} characters each.
   */
  public static Content wideRow(int cells, int chars) {
    StringBuilder row = new StringBuilder("<row r=\"2\">");
    String text = "b".repeat(chars);
    for (int i = 0; i < cells; i++) {
      row.append("<c r=\"")
          .append(column(i))
          .append("2\" t=\"inlineStr\"><is><t>")
          .append(text)
          .append("</t></is></c>");
    }
    row.append("</row>");
    return Content.of(
        "<worksheet xmlns=\""
            + MAIN
            + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
            + row
            + "</sheetData></worksheet>");
  }

  private static String column(int index) {
    StringBuilder sb = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) sb.append((char) ('A' + (i - 1) % 26));
    return sb.reverse().toString();
  }

  private static void put(ZipOutputStream zip, String name, Content content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    content.write(zip);
    zip.closeEntry();
  }

  /**
   * Makes the ZIP directory of {@code file} declare {@code size} uncompressed bytes for {@code
   * entry} (the lie of the attack: a part that says it is 100 bytes). The local header of a
   * deflated entry written by {@link ZipOutputStream} declares no size at all.
   */
  public static void declareSize(Path file, String entry, long size) throws IOException {
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      int tail = (int) Math.min(length, 1 << 20);
      byte[] b = new byte[tail];
      raf.seek(length - tail);
      raf.readFully(b);
      for (int i = 0; i + 46 + name.length <= tail; i++) {
        if (b[i] == 'P'
            && b[i + 1] == 'K'
            && b[i + 2] == 1
            && b[i + 3] == 2
            && le16(b, i + 28) == name.length
            && java.util.Arrays.equals(b, i + 46, i + 46 + name.length, name, 0, name.length)) {
          raf.seek(length - tail + i + 24);
          raf.write(
              new byte[] {
                (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)
              });
          return;
        }
      }
    }
    throw new IllegalStateException(entry + " is not in the ZIP directory of " + file);
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  /**
   * A CSV with a header {@code id,<column>} and one row whose field is {@code chars} digits (or
   * letters when quoted).
   */
  public static Path csvWithHugeField(Path file, String column, long chars, boolean digits)
      throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(("id," + column + "\n1,").getBytes(StandardCharsets.US_ASCII));
      Content.repeat(digits ? "" : "\"", digits ? "7" : "a", chars, digits ? "\n" : "\"\n")
          .write(out);
      out.write("2,5\n".getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }
}
