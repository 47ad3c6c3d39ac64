package io.datamapper.format.excel;

import java.io.IOException;
import java.util.Locale;

/**
 * Turns an xlsx cell's type, style and raw value into its text, as {@link ExcelRecordReader}
 * documents. The common cases go straight from the bytes: a shared-string index, a plain number
 * under a General style (its digits are already its text), a boolean. Not thread-safe.
 */
final class CellValues {
  private final LaterStrings later;
  private SharedStrings strings;
  private final CellText text;
  private final int[] styleFormatIds;
  private final String[] styleFormats;
  private final CellText.Shape[] shapes;

  CellValues(LaterStrings strings, boolean date1904, int[] styleFormatIds, String[] styleFormats) {
    this.later = strings;
    this.text = new CellText(date1904);
    this.styleFormatIds = styleFormatIds;
    this.styleFormats = styleFormats;
    this.shapes = new CellText.Shape[styleFormatIds.length];
  }

  /**
   * Waits for the shared-strings table (spilled beside the merge scan): before the first row, so a
   * bad table fails the read there whether or not a cell refers to it.
   */
  void ready() throws IOException {
    if (strings == null) strings = later.get();
  }

  /** A shared-strings cell; null when it has no index. */
  String shared(ByteText v) throws IOException {
    int index = v.digits();
    if (index >= 0) return strings.get(index);
    if (v.isBlank()) return null;
    return strings.get(Integer.parseInt(v.toString().strip()));
  }

  /** A number cell ({@code t="n"} or none): its text under the cell's style. */
  String number(ByteText v, int style) {
    if (v.length() == 0) return null;
    boolean general = style < 0 || style >= shapes.length || shape(style) == CellText.Shape.NUMBER;
    if (general) {
      int plain = v.plainDecimalLength();
      if (plain > 0) return v.ascii(plain);
    }
    int whole = v.digits(); // a date's serial day: no need to parse a double
    if (whole >= 0 && !general) return text.number(whole, shape(style), styleFormats[style]);
    return number(v.toString(), style);
  }

  private CellText.Shape shape(int style) {
    CellText.Shape s = shapes[style];
    if (s == null) {
      s = text.shape(styleFormatIds[style], styleFormats[style]);
      shapes[style] = s;
    }
    return s;
  }

  String number(String v, int style) {
    if (v == null || v.isBlank()) return null;
    String s = v.strip();
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")
          ? s.toLowerCase(Locale.ROOT)
          : v;
    }
    if (style < 0 || style >= styleFormatIds.length) return CellText.plain(d);
    return text.number(d, shape(style), styleFormats[style]);
  }

  static String bool(String v) {
    String s = v.strip();
    if (s.equals("1") || s.equalsIgnoreCase("true")) return "true";
    if (s.equals("0") || s.equalsIgnoreCase("false")) return "false";
    return s;
  }

  static String bool(ByteText v) {
    if (v.length() == 1) {
      byte b = v.bytes()[0];
      if (b == '1') return "true";
      if (b == '0') return "false";
    }
    return bool(v.toString());
  }

  /** A {@code t="d"} cell holds ISO 8601 text: drop a zero time and the T. */
  static String isoDate(String v) {
    String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
    if (s.endsWith("T00:00:00")) return s.substring(0, s.length() - 9);
    return s.replace('T', ' ');
  }
}
