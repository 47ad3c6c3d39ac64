package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.ExcelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Reads one sheet of an xlsx or xls workbook as records: the header row names the fields, every
 * later non-empty row is a record of cell texts (see {@link CellText} for numbers and dates;
 * booleans are {@code true}/{@code false}, error cells their text such as {@code #DIV/0!}, formulas
 * their cached value, empty cells {@code null}). The workbook kind is taken from the file's first
 * bytes, not its name. Rows with no value at all are skipped wherever they are. xlsx is read by our
 * own streaming reader ({@code XlsxStreamBook}), bounded by {@link ReadLimits} whatever the package
 * declares; xls by POI HSSF. Not thread-safe; errors in the file are {@link BadFileException}s
 * naming the file.
 */
public final class ExcelRecordReader implements RecordReader {
  /** Rows looked at when detecting the header. */
  static final int HEADER_SEARCH = 20;

  /** Rows below a candidate that set the typical width. */
  static final int HEADER_LOOKAHEAD = 10;

  /** Characters of rows held for header detection: past it, detection looks at fewer rows. */
  static final long HEADER_CHARS = 4L << 20;

  private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
  private static final byte[] OLE2 = {
    (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1
  };

  private final ExcelBook book;
  private final ExcelBook.SheetRows rows;
  private final Deque<ExcelBook.SheetRow> ahead = new ArrayDeque<>();
  private final List<String> fields;
  private final Spool spooled;
  private final String sheetName;
  private final int headerRow;
  private final Integer lastRow;
  private long number;

  /** Rows with values after {@link #lastRow}; -1 until reading reached it. */
  private long pastLastRow = -1;

  private ExcelRecordReader(ExcelBook book, ExcelOptions options, String fileName, Spool spooled)
      throws IOException {
    this.book = book;
    this.spooled = spooled;
    this.lastRow = options.lastRow();
    int sheet = SheetChoice.choose(book, options.sheet(), fileName);
    this.rows = book.rows(sheet);
    this.sheetName = book.sheets().get(sheet).name();
    List<ExcelBook.Merge> merges = book.merges(sheet);
    List<ExcelBook.SheetRow> before = new ArrayList<>();
    ExcelBook.SheetRow header;
    boolean headerless = false;
    if (options.headerRow() != null && options.headerRow() == 0) {
      headerless = true;
      header = null;
      readHead();
    } else if (options.headerRow() != null) {
      int wanted = options.headerRow();
      ExcelBook.SheetRow r;
      while ((r = rows.next()) != null && r.number() < wanted) {
        // only the rows just above the header can name it (merged group rows); keep those
        if (before.size() == HEADER_SEARCH) before.remove(0);
        before.add(r);
      }
      if (r == null || r.number() != wanted) {
        throw new BadFileException(
            fileName
                + ": sheet '"
                + sheetName
                + "' has no values in row "
                + wanted
                + " (source.excel.headerRow)"
                + (r == null ? "" : "; the next row with values is " + r.number()));
      }
      header = r;
    } else {
      List<ExcelBook.SheetRow> head = readHead();
      int at = HeaderRow.detect(head, merges);
      headerless = at == HeaderRow.NONE;
      header = at < 0 ? null : head.get(at);
      if (at >= 0) {
        ahead.clear();
        before.addAll(head.subList(0, at));
        ahead.addAll(head.subList(at + 1, head.size()));
      }
    }
    this.fields =
        headerless
            ? positional()
            : header == null ? List.of() : HeaderRow.names(header, before, merges);
    this.headerRow = header == null ? 0 : header.number();
    int skip = options.skipRows() == null ? 0 : options.skipRows();
    for (int i = 0; i < skip && fetch() != null; i++) {
      // skipped: data rows right after the header (e.g. units)
    }
  }

  /** Reads the first rows (up to the header search window) into {@link #ahead}; returns them. */
  private List<ExcelBook.SheetRow> readHead() throws IOException {
    List<ExcelBook.SheetRow> head = new ArrayList<>();
    ExcelBook.SheetRow r;
    long chars = 0;
    while (head.size() < HEADER_SEARCH + HEADER_LOOKAHEAD
        && chars < HEADER_CHARS
        && (r = rows.next()) != null) {
      head.add(r);
      for (String v : r.values()) chars += v == null ? 0 : v.length();
    }
    ahead.addAll(head);
    return head;
  }

  /** Names without a header row: {@code column_1} ... up to the widest of the first rows. */
  private List<String> positional() {
    int width = 0;
    for (ExcelBook.SheetRow r : ahead) width = Math.max(width, r.values().length);
    List<String> names = new ArrayList<>(width);
    for (int c = 1; c <= width; c++) names.add("column_" + c);
    return List.copyOf(names);
  }

  /**
   * Opens {@code file} (an xlsx or xls workbook, whatever its name) with {@code options} ({@code
   * null} = defaults); {@code fileName} names it in messages.
   *
   * @throws BadFileException when the file is not a workbook, is truncated, corrupt or
   *     password-protected, or the sheet or header row asked for is not there
   */
  public static RecordReader open(Path file, ExcelOptions options, String fileName)
      throws IOException {
    return open(file, options, fileName, null, ReadLimits.DEFAULT);
  }

  /**
   * Copies {@code in} to a temporary file (both readers need random access) and opens it as {@link
   * #open(Path, ExcelOptions, String)}. The reader owns {@code in}: closing the reader closes it
   * and deletes the file (so is a failure to open).
   */
  public static RecordReader open(InputStream in, ExcelOptions options, String fileName)
      throws IOException {
    return open(in, options, fileName, ReadLimits.DEFAULT);
  }

  /** As {@link #open(InputStream, ExcelOptions, String)}, bounded by {@code limits}. */
  public static RecordReader open(
      InputStream in, ExcelOptions options, String fileName, ReadLimits limits) throws IOException {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("datamapper-", ".workbook");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return open(tmp, options, fileName, new Spool(tmp, in), limits);
    } catch (IOException | RuntimeException | Error e) {
      try (in) {
        if (tmp != null) Files.deleteIfExists(tmp);
      }
      throw e;
    }
  }

  /** The temporary copy of a stream and the stream, both released when the reader closes. */
  private record Spool(Path file, InputStream in) implements java.io.Closeable {
    @Override
    public void close() throws IOException {
      try (in) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static RecordReader open(
      Path file, ExcelOptions options, String fileName, Spool spooled, ReadLimits limits)
      throws IOException {
    ExcelOptions opts = options == null ? new ExcelOptions(null, null, null) : options;
    if (opts.headerRow() != null && opts.headerRow() < 0) {
      throw new BadFileException(
          fileName
              + ": source.excel.headerRow must be a 1-based row number, or 0 for a sheet without"
              + " a header row, not "
              + opts.headerRow());
    }
    if (opts.skipRows() != null && opts.skipRows() < 0) {
      throw new BadFileException(
          fileName + ": source.excel.skipRows must be 0 or more, not " + opts.skipRows());
    }
    ExcelBook book = openBook(file, fileName, limits);
    try {
      return new ExcelRecordReader(book, opts, fileName, spooled);
    } catch (IOException | RuntimeException | Error e) {
      book.close();
      throw e;
    }
  }

  /** A reader over an already open book (tests pick the book's kind). */
  static RecordReader open(ExcelBook book, ExcelOptions options, String fileName)
      throws IOException {
    try {
      return new ExcelRecordReader(
          book, options == null ? new ExcelOptions(null, null, null) : options, fileName, null);
    } catch (IOException | RuntimeException | Error e) {
      book.close();
      throw e;
    }
  }

  static ExcelBook openBook(Path file, String fileName) throws IOException {
    return openBook(file, fileName, ReadLimits.DEFAULT);
  }

  static ExcelBook openBook(Path file, String fileName, ReadLimits limits) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 0) throw new BadFileException(fileName + " is empty (0 bytes), not an Excel workbook");
    if (startsWith(head, n, ZIP)) {
      XlsxPackage pkg = XlsxPackage.open(file, fileName, limits);
      try {
        return XlsxStreamBook.open(pkg);
      } catch (IOException | RuntimeException e) {
        pkg.close();
        throw e;
      }
    }
    if (startsWith(head, n, OLE2)) return XlsBook.open(file, fileName);
    throw new BadFileException(
        fileName
            + " is not an Excel workbook: it starts with neither the xlsx (ZIP) nor the xls (OLE2)"
            + " signature. If it is CSV or text, set source.format to csv.");
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }

  static BadFileException passwordProtected(String fileName) {
    return new BadFileException(
        fileName + " is password-protected (encrypted); save it without a password and try again");
  }

  /** A library exception as one readable line. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 3; depth++, t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
      if (sb.indexOf(m) >= 0) continue;
      if (sb.length() > 0) sb.append(": ");
      sb.append(m);
    }
    String s = sb.toString().replaceAll("\\s+", " ");
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** The sheet being read (as given or chosen). */
  public String sheetName() {
    return sheetName;
  }

  /**
   * The 1-based row number of the header (as given or detected); 0 when the sheet has none or is
   * empty.
   */
  public int headerRow() {
    return headerRow;
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public RawRecord next() throws IOException {
    ExcelBook.SheetRow r = fetch();
    if (r == null) return null;
    String[] values = new String[fields.size()];
    System.arraycopy(r.values(), 0, values, 0, Math.min(values.length, r.values().length));
    return new RawRecord(++number, r.number(), values);
  }

  private ExcelBook.SheetRow fetch() throws IOException {
    if (fields.isEmpty()) return null;
    if (pastLastRow >= 0) return null;
    ExcelBook.SheetRow r = nextRow();
    if (r == null || lastRow == null || r.number() <= lastRow) return r;
    // read on to count what lastRow leaves out: rows are never dropped silently
    pastLastRow = 0;
    for (; r != null; r = nextRow()) if (hasValue(r)) pastLastRow++;
    return null;
  }

  private ExcelBook.SheetRow nextRow() throws IOException {
    return ahead.isEmpty() ? rows.next() : ahead.poll();
  }

  private static boolean hasValue(ExcelBook.SheetRow r) {
    for (String v : r.values()) if (v != null && !v.isBlank()) return true;
    return false;
  }

  /** Rows with values after {@code excel.lastRow} that were not imported. */
  @Override
  public long skipped() {
    return Math.max(pastLastRow, 0);
  }

  @Override
  public String skippedReason() {
    return pastLastRow <= 0
        ? null
        : "rows after excel.lastRow "
            + lastRow
            + " were not imported (notes below the table?); remove lastRow to load them";
  }

  @Override
  public List<String> notes() {
    if (pastLastRow <= 0) return List.of();
    return List.of(
        "Skipped " + pastLastRow + (pastLastRow == 1 ? " row: " : " rows: ") + skippedReason());
  }

  /**
   * The row's cells as a CSV line (comma, double quotes), so rejects can be written back as a CSV
   * file.
   */
  @Override
  public String raw(RawRecord record) {
    return io.datamapper.format.csv.CsvLine.join(record.values(), ',', '"');
  }

  /** Column letters of a 0-based index: 0 = A, 25 = Z, 26 = AA. */
  static String columnName(int index) {
    StringBuilder sb = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) sb.append((char) ('A' + (i - 1) % 26));
    return sb.reverse().toString();
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        rows.close();
      } finally {
        book.close();
      }
    } finally {
      if (spooled != null) spooled.close();
    }
  }
}
