package io.datamapper.format;

import io.datamapper.mapping.Format;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens a source's bytes for reading: unwraps gzip and single-file zip archives (with limits
 * against decompression bombs) and names the format from the content, then the extension. An .xlsx
 * is a zip too, but an Office document, so it is left whole and named Excel.
 */
public final class SourceInput {
  static final int PEEK = 8192;

  private SourceInput() {}

  /** The stream to read (decompressed, buffered), the format it holds and the inner file name. */
  public record Opened(InputStream stream, Format format, String innerName, String compression) {}

  /**
   * Opens {@code raw}, which the result owns. {@code format} forces the format (null: sniff).
   *
   * @throws BadFileException for an archive that is empty, holds several files, or expands too far
   */
  public static Opened open(
      InputStream raw, String fileName, Format format, DecompressionLimits limits)
      throws IOException {
    CountingInputStream counted = new CountingInputStream(raw);
    // 1 MB read-ahead: large reads keep system calls out of the parsing thread
    BufferedInputStream in = new BufferedInputStream(counted, 1 << 20);
    byte[] head = peek(in);
    String name = fileName == null ? "the file" : fileName;
    if (isGzip(head)) {
      InputStream gz = new BombGuard(new GZIPInputStream(in, 1 << 16), counted, limits, name);
      String inner = stripSuffix(name, ".gz", ".gzip");
      return sniffed(new BufferedInputStream(gz, 1 << 16), inner, format, "gzip");
    }
    refuseOpenDocument(head, name);
    refuseOldExcel(head, name);
    if (isZip(head) && !isOfficeDocument(head)) {
      ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
      ZipEntry entry = firstFile(zip, name);
      InputStream one = new SingleEntry(zip, name);
      InputStream guarded = new BombGuard(one, counted, limits, name);
      return sniffed(new BufferedInputStream(guarded, 1 << 16), entry.getName(), format, "zip");
    }
    return checked(new Opened(in, format != null ? format : sniff(head, name), name, null), head);
  }

  private static Opened sniffed(
      BufferedInputStream in, String innerName, Format format, String compression)
      throws IOException {
    byte[] head = peek(in);
    return checked(
        new Opened(in, format != null ? format : sniff(head, innerName), innerName, compression),
        head);
  }

  /**
   * CSV must start like text: many NUL bytes outside UTF-16 mean a binary file (JSON and XML
   * parsers name the position of such a byte themselves); a few (two, or at most 1% of the first
   * bytes, with other control bytes at most 2%) are stray NULs in text and are dropped.
   */
  private static Opened checked(Opened opened, byte[] head) {
    if (opened.format() != Format.CSV || head.length == 0) return opened;
    String charset = CharsetDetector.detect(head, head.length).charset().name();
    if (charset.startsWith("UTF-16")) return opened;
    int nul = 0;
    int control = 0;
    for (byte b : head) {
      if (b == 0) nul++;
      else if ((b >= 1 && b <= 8) || (b >= 14 && b <= 31 && b != 27)) control++;
    }
    if (nul > 0 && nul <= Math.max(2, head.length / 100) && control * 50L <= head.length) {
      // text with a stray NUL or two (a C string written whole, a padded export): drop them, text
      // cannot hold them
      return new Opened(
          new NulStripping(opened.stream()),
          opened.format(),
          opened.innerName(),
          opened.compression());
    }
    for (byte b : head) {
      if (b == 0) {
        throw new BadFileException(
            opened.innerName()
                + " does not look like a text file (it has NUL bytes near the start), so it"
                + " cannot be read as "
                + opened.format().spelling()
                + ". Data Mapper reads CSV/TSV, JSON, XML, xlsx/xls, and gzip or zip"
                + " archives of those.");
      }
    }
    return opened;
  }

  /**
   * The format from the first bytes; the extension decides between the text formats when it is
   * known.
   */
  public static Format sniff(byte[] head, String fileName) {
    if (isZip(head) || isOle2(head)) return Format.EXCEL;
    Format byExtension = byExtension(fileName);
    if (byExtension != null && byExtension != Format.EXCEL) return byExtension;
    int i = skipBomAndSpace(head);
    if (i < head.length) {
      char c = (char) (head[i] & 0xFF);
      if (c == '{' || c == '[') return Format.JSON;
      if (c == '<') return Format.XML;
    }
    return Format.CSV;
  }

  static Format byExtension(String fileName) {
    if (fileName == null) return null;
    String n = fileName.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    if (dot < 0) return null;
    return switch (n.substring(dot + 1)) {
      case "csv", "tsv", "tab", "txt", "psv" -> Format.CSV;
      case "json", "ndjson", "jsonl", "geojson" -> Format.JSON;
      case "xml", "rss", "atom", "kml", "osm", "gpx" -> Format.XML;
      case "xlsx", "xlsm", "xls" -> Format.EXCEL;
      default -> null;
    };
  }

  private static int skipBomAndSpace(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF)
      i = 3;
    else if (b.length >= 2 && ((b[0] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFE)) i = 2;
    while (i < b.length
        && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n' || b[i] == 0)) i++;
    return i;
  }

  private static byte[] peek(BufferedInputStream in) throws IOException {
    in.mark(PEEK);
    byte[] head = in.readNBytes(PEEK);
    in.reset();
    return head;
  }

  static boolean isGzip(byte[] b) {
    return b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
  }

  static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  static boolean isOle2(byte[] b) {
    return b.length >= 8
        && (b[0] & 0xFF) == 0xD0
        && (b[1] & 0xFF) == 0xCF
        && (b[2] & 0xFF) == 0x11
        && (b[3] & 0xFF) == 0xE0;
  }

  /**
   * Excel 2.x–4.0 workbooks are a bare BIFF stream (no OLE2 container) starting with a BOF record:
   * {@code 09 00} (BIFF2), {@code 09 02} (BIFF3), {@code 09 04} (BIFF4), then its length. Neither
   * reader reads them; name them instead of calling them "not a text file".
   */
  static void refuseOldExcel(byte[] head, String name) {
    if (head.length < 6 || head[0] != 0x09 || head[3] != 0) return;
    String version =
        switch (head[1]) {
          case 0x00 -> head[2] == 4 || head[2] == 6 ? "Excel 2.x workbook (BIFF2)" : null;
          case 0x02 -> head[2] == 6 ? "Excel 3.0 workbook (BIFF3)" : null;
          case 0x04 -> head[2] == 6 ? "Excel 4.0 workbook (BIFF4)" : null;
          default -> null;
        };
    if (version != null) {
      throw new BadFileException(
          name
              + " is an "
              + version
              + ", which is not supported: open it in Excel or LibreOffice and"
              + " save it as .xlsx");
    }
  }

  /**
   * OpenDocument spreadsheets (.ods, and flat .fods XML) are not read: say so instead of reading
   * their XML or zip entries.
   */
  static void refuseOpenDocument(byte[] head, String name) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    // a packaged ODF file starts with a zip entry named "mimetype" (stored, so its text shows too)
    boolean packaged = isZip(head) && head.length > 38 && text.startsWith("mimetype", 30);
    if (packaged
        || text.contains("application/vnd.oasis.opendocument")
        || text.contains("<office:document")) {
      throw new BadFileException(
          name
              + " is an OpenDocument file (.ods/.fods), which Data Mapper does not read;"
              + " save it as .xlsx or CSV and import that");
    }
  }

  /** An OOXML package names [Content_Types].xml, _rels/, docProps/ or xl/ in its first entries. */
  static boolean isOfficeDocument(byte[] b) {
    String text = new String(b, StandardCharsets.ISO_8859_1);
    return text.contains("[Content_Types].xml")
        || text.contains("xl/")
        || text.contains("_rels/.rels");
  }

  private static ZipEntry firstFile(ZipInputStream zip, String name) throws IOException {
    ZipEntry e;
    while ((e = zip.getNextEntry()) != null) {
      if (!e.isDirectory()
          && !e.getName().startsWith("__MACOSX/")
          && !e.getName().endsWith(".DS_Store")) return e;
    }
    throw new BadFileException(name + " is an empty zip archive");
  }

  private static String stripSuffix(String name, String... suffixes) {
    for (String s : suffixes) {
      if (name.toLowerCase(Locale.ROOT).endsWith(s))
        return name.substring(0, name.length() - s.length());
    }
    return name;
  }

  /**
   * A filter that does all its work in {@code read(byte[], int, int)}; single bytes go through it.
   */
  private abstract static class BlockReads extends FilterInputStream {
    BlockReads(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
  }

  /** Counts the compressed bytes read, for the expansion ratio. */
  static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) count += n;
      return n;
    }

    @Override
    public int available() {
      return 0;
    }

    long count() {
      return count;
    }
  }

  /** Ends at the end of the first entry; fails if the archive holds another file. */
  private static final class SingleEntry extends BlockReads {
    private final ZipInputStream zip;
    private final String name;

    SingleEntry(ZipInputStream zip, String name) {
      super(zip);
      this.zip = zip;
      this.name = name;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = zip.read(buf, off, len);
      if (n < 0) {
        ZipEntry next;
        while ((next = zip.getNextEntry()) != null) {
          if (!next.isDirectory()
              && !next.getName().startsWith("__MACOSX/")
              && !next.getName().endsWith(".DS_Store")) {
            throw new BadFileException(
                name
                    + " holds more than one file ("
                    + next.getName()
                    + " after the first); Data Mapper imports one file at a time: unpack the archive and import each file");
          }
        }
      }
      return n;
    }
  }

  /** Stops reading when the expanded size or the expansion ratio passes the limits. */
  private static final class BombGuard extends BlockReads {
    private final CountingInputStream compressed;
    private final DecompressionLimits limits;
    private final String name;
    private long expanded;

    BombGuard(
        InputStream in, CountingInputStream compressed, DecompressionLimits limits, String name) {
      super(in);
      this.compressed = compressed;
      this.limits = limits;
      this.name = name;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        expanded += n;
        limits.check(name, expanded, compressed.count());
      }
      return n;
    }

    @Override
    public int available() {
      return 0;
    }
  }
}
