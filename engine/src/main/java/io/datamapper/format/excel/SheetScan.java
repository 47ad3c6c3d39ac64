package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * The rows of one xlsx sheet, read from its XML by {@link XmlBytes}: {@code <row>}s of {@code
 * <c>}ells with their type ({@code t}), style ({@code s}) and reference ({@code r}, optional), the
 * cached value in {@code <v>}, inline strings in {@code <is>} (rich-text runs joined, phonetic runs
 * left out); formulas are never evaluated. Not thread-safe.
 */
final class SheetScan implements ExcelBook.SheetRows {
  private static final byte[] ROW = ascii("row");
  private static final byte[] C = ascii("c");
  private static final byte[] V = ascii("v");
  private static final byte[] F = ascii("f");
  private static final byte[] T = ascii("t");
  private static final byte[] IS = ascii("is");
  private static final byte[] RPH = ascii("rPh");
  private static final byte[] R = ascii("r");
  private static final byte[] S = ascii("s");
  private static final byte[] T_SHARED = ascii("s");
  private static final byte[] T_INLINE = ascii("inlineStr");
  private static final byte[] T_STR = ascii("str");
  private static final byte[] T_ERROR = ascii("e");
  private static final byte[] T_BOOL = ascii("b");
  private static final byte[] T_DATE = ascii("d");

  private final InputStream in;
  private final XmlBytes xml;
  private final CellValues values;
  private final String fileName;
  private final String sheet;
  private final ReadLimits limits;
  private final RowBuilder builder = new RowBuilder();
  private final ByteText v = new ByteText();
  private final ByteText inline = new ByteText();
  private final ByteText ignored = new ByteText();
  private int lastRow;

  SheetScan(InputStream in, CellValues values, String fileName, String sheet, ReadLimits limits)
      throws IOException {
    this.in = in;
    this.values = values;
    this.fileName = fileName;
    this.sheet = sheet;
    this.limits = limits;
    this.xml = new XmlBytes(XmlEncoding.utf8(in), limits.maxNestingDepth(), limits.maxValueChars());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public ExcelBook.SheetRow next() throws IOException {
    values.ready();
    try {
      return nextRow();
    } catch (XmlBytes.TooLarge e) {
      String where = "sheet '" + sheet + "' after row " + lastRow;
      throw e.depth
          ? new LimitExceededException(
              fileName,
              where + " nests elements more than " + e.limit + " levels deep",
              e.limit,
              ReadLimits.DEPTH)
          : new LimitExceededException(
              fileName,
              "a tag in " + where + " is longer than " + Sizes.count(e.limit) + " characters",
              e.limit,
              ReadLimits.VALUE);
    } catch (XmlBytes.Malformed | ZipException | NumberFormatException e) {
      throw new BadFileException(
          fileName
              + ": sheet '"
              + sheet
              + "' after row "
              + lastRow
              + " cannot be read: "
              + ExcelRecordReader.describe(e),
          e);
    }
  }

  private ExcelBook.SheetRow nextRow() throws IOException {
    int event;
    while ((event = xml.next()) != XmlBytes.EOF) {
      if (event != XmlBytes.START || !xml.is(ROW)) continue;
      int number =
          xml.tag().attribute(R)
              ? Math.max(Integer.parseInt(xml.tag().value().strip()), lastRow + 1)
              : lastRow + 1;
      lastRow = number;
      builder.reset();
      int column = -1;
      while (true) {
        event = xml.next();
        if (event == XmlBytes.EOF) throw new XmlBytes.Malformed("unexpected end of the XML");
        if (event == XmlBytes.END) {
          if (xml.is(ROW)) break;
        } else if (xml.is(C)) {
          column = xml.tag().attribute(R) ? xml.tag().valueColumn() : column + 1;
          cell(column, number);
        }
      }
      ExcelBook.SheetRow row = builder.build(number);
      if (row != null) return row;
    }
    return null;
  }

  /** Reads one {@code <c>} up to its end tag. */
  private void cell(int column, int row) throws IOException {
    int style = xml.tag().attribute(S) ? xml.tag().valueInt(0) : 0;
    int type = type();
    boolean hasV = false;
    boolean hasInline = false;
    int depth = xml.depth();
    if (!xml.empty()) {
      v.clear();
      hasV = xml.simpleValue(v, limits.maxValueChars()); // most cells: <v>digits</v>, read at once
    }
    while (true) {
      int event = xml.next();
      if (event == XmlBytes.EOF) throw new XmlBytes.Malformed("unexpected end of the XML");
      if (event == XmlBytes.END) {
        if (xml.depth() < depth) break;
        continue;
      }
      if (xml.is(V)) {
        v.clear();
        elementText(v, column, row);
        hasV = true;
      } else if (xml.is(F)) {
        ignored.clear();
        elementText(ignored, column, row); // cached values only; formulas are never evaluated
      } else if (xml.is(T) && hasInline) {
        elementText(inline, column, row);
      } else if (xml.is(IS)) {
        hasInline = true;
        inline.clear();
      } else if (xml.is(RPH)) {
        xml.skipElement();
      }
    }
    if (column >= RowBuilder.MAX_COLUMNS) return; // past Excel's last column (XFD)
    switch (type) {
      case 's' -> builder.set(column, hasV ? values.shared(v) : null, true);
      case 'i' ->
          builder.set(column, hasInline ? inline.toString() : hasV ? v.toString() : null, true);
      case 'S' -> {
        String s = hasV ? v.toString() : null;
        builder.set(column, s, s != null && !CellText.isError(s));
      }
      case 'e' -> builder.set(column, hasV ? v.toString() : null, false);
      case 'b' -> builder.set(column, hasV ? CellValues.bool(v) : null, false);
      case 'd' ->
          builder.set(column, hasV ? CellValues.isoDate(v.toString().strip()) : null, false);
      default -> builder.set(column, hasV ? values.number(v, style) : null, false);
    }
    if (builder.chars() > limits.maxRecordChars()) {
      throw new LimitExceededException(
          fileName,
          "row "
              + row
              + " of sheet '"
              + sheet
              + "' holds more than "
              + Sizes.count(limits.maxRecordChars())
              + " characters",
          limits.maxRecordChars(),
          ReadLimits.RECORD);
    }
  }

  /** The cell type: s(hared), i(nline), S(tring formula), e(rror), b(oolean), d(ate), n(umber). */
  private int type() throws XmlBytes.Malformed {
    if (!xml.tag().attribute(T)) return 'n';
    if (xml.tag().valueIs(T_SHARED)) return 's';
    if (xml.tag().valueIs(T_INLINE)) return 'i';
    if (xml.tag().valueIs(T_STR)) return 'S';
    if (xml.tag().valueIs(T_ERROR)) return 'e';
    if (xml.tag().valueIs(T_BOOL)) return 'b';
    if (xml.tag().valueIs(T_DATE)) return 'd';
    return 'n';
  }

  /** Appends an element's text (it has no children) to {@code text}, within the value limit. */
  private void elementText(ByteText text, int column, int row) throws IOException {
    if (xml.empty()) {
      xml.next();
      return;
    }
    if (!xml.text(text, limits.maxValueChars())) {
      throw new LimitExceededException(
          fileName,
          "a cell in column "
              + ExcelRecordReader.columnName(column)
              + " of sheet '"
              + sheet
              + "' (row "
              + row
              + ") is longer than "
              + Sizes.count(limits.maxValueChars())
              + " characters",
          limits.maxValueChars(),
          ReadLimits.VALUE);
    }
    if (xml.next() != XmlBytes.END) throw new XmlBytes.Malformed("an element inside a value");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
