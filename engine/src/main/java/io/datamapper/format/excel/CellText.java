package io.datamapper.format.excel;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * The text form of a numeric cell, the same for every reader: plain decimals ({@code 42}, {@code
 * 3.5}, {@code 100000000000000000000}; never an exponent or a trailing {@code .0}), ISO dates and
 * times for date/time number formats ({@code 2024-01-31}, {@code 2024-01-31 13:45:00}, {@code
 * 13:45:00}, with {@code .SSS} only when the milliseconds are not zero), and zero-padded integers
 * for formats like {@code 00000} (what Excel shows for ZIP codes stored as numbers). One instance
 * per workbook: it caches the shape of each number format; not thread-safe.
 */
final class CellText {
  /** What a number format makes of a number. */
  enum Shape {
    NUMBER,
    DATE,
    DATE_TIME,
    TIME,
    ZERO_PADDED
  }

  private static final java.util.Set<String> ERRORS =
      java.util.Set.of(
          "#NULL!",
          "#DIV/0!",
          "#VALUE!",
          "#REF!",
          "#NAME?",
          "#NUM!",
          "#N/A",
          "#GETTING_DATA",
          "#SPILL!",
          "#CALC!",
          "#FIELD!",
          "#BLOCKED!",
          "#CONNECT!",
          "#UNKNOWN!",
          "#BUSY!",
          "#EXTERNAL!",
          "#PYTHON!");

  private final boolean date1904;
  private final Map<String, Shape> shapes = new HashMap<>();

  CellText(boolean date1904) {
    this.date1904 = date1904;
  }

  /**
   * A numeric cell's text under its number format ({@code formatId} < 0 and null format: General).
   */
  String number(double value, int formatId, String format) {
    return number(value, shape(formatId, format), format);
  }

  /** As {@link #number(double, int, String)} with the format's shape already known. */
  String number(double value, Shape shape, String format) {
    switch (shape) {
      case DATE, DATE_TIME, TIME -> {
        if (!DateUtil.isValidExcelDate(value)) return plain(value);
        String quick = ExcelDates.text(value, date1904, shape);
        if (quick != null) return quick;
        LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, false);
        if (shape == Shape.TIME && value < 1) return time(t.toLocalTime());
        // a date-time format keeps its time at midnight too, so a column reads as one type
        if (shape == Shape.DATE_TIME) return t.toLocalDate() + " " + time(t.toLocalTime());
        return dateTime(t);
      }
      case ZERO_PADDED -> {
        if (value >= 0 && value < 1e15 && value == Math.rint(value)) {
          String digits = Long.toString((long) value);
          int width = format.length();
          return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        }
        return plain(value);
      }
      default -> {
        return plain(value);
      }
    }
  }

  /** Whether {@code s} is one of Excel's error values ({@code #DIV/0!}, {@code #N/A}, ...). */
  static boolean isError(String s) {
    return s.startsWith("#") && ERRORS.contains(s);
  }

  /** Shortest decimal that reads back as {@code value}, without exponent or trailing zeros. */
  static String plain(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
    if (value == 0) return "0"; // also -0.0
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String dateTime(LocalDateTime t) {
    if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) return t.toLocalDate().toString();
    return t.toLocalDate() + " " + time(t.toLocalTime());
  }

  static String time(LocalTime t) {
    StringBuilder sb = new StringBuilder(12);
    ExcelDates.time(sb, t.toSecondOfDay() * 1000L + t.getNano() / 1_000_000);
    return sb.toString();
  }

  Shape shape(int formatId, String format) {
    String key = formatId + "|" + (format == null ? "" : format);
    Shape s = shapes.get(key);
    if (s == null) {
      s = classify(formatId, format);
      shapes.put(key, s);
    }
    return s;
  }

  static Shape classify(int formatId, String format) {
    boolean date = formatId >= 0 && DateUtil.isADateFormat(formatId, format);
    if (date)
      return timeOnly(formatId, format)
          ? Shape.TIME
          : hasTime(formatId, format) ? Shape.DATE_TIME : Shape.DATE;
    if (format != null && format.length() >= 2 && format.chars().allMatch(c -> c == '0'))
      return Shape.ZERO_PADDED;
    return Shape.NUMBER;
  }

  /** Built-in time formats (18-21, 45-47), or a format with hours or seconds but no year or day. */
  static boolean timeOnly(int formatId, String format) {
    if ((formatId >= 18 && formatId <= 21) || (formatId >= 45 && formatId <= 47)) return true;
    if (format == null) return false;
    String f = tokens(format);
    return f.indexOf('y') < 0 && f.indexOf('d') < 0 && (f.indexOf('h') >= 0 || f.indexOf('s') >= 0);
  }

  /**
   * A date format that also shows a time: built-in 22 (m/d/yy h:mm), or hours or seconds in the
   * pattern.
   */
  static boolean hasTime(int formatId, String format) {
    if (formatId == 22) return true;
    if (format == null) return false;
    String f = tokens(format);
    return f.indexOf('h') >= 0 || f.indexOf('s') >= 0;
  }

  /**
   * The format's first section in lower case, without literals, escapes and colour or locale tags.
   */
  private static String tokens(String format) {
    String f =
        format
            .toLowerCase(Locale.ROOT)
            .replaceAll("\"[^\"]*\"", "") // quoted literals
            .replaceAll("\\\\.", "") // escaped characters
            .replaceAll("\\[(h+|m+|s+)\\]", "h") // elapsed time: [h]:mm, [mm]:ss
            .replaceAll("\\[[^\\]]*\\]", ""); // colours, locales
    int semicolon = f.indexOf(';');
    return semicolon >= 0 ? f.substring(0, semicolon) : f;
  }
}
