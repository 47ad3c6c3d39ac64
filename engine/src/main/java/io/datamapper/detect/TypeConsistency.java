package io.datamapper.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How consistently the columns of a candidate dialect hold typed values: per column, the cells of
 * its most common known shape (number, date, boolean), over all non-empty cells. Decides between
 * delimiters whose field counts are equally consistent: {@code 1,5;2,5} splits into numbers with
 * {@code ;} but into {@code 1} and {@code 5;2} with {@code ,}. Stateless.
 */
final class TypeConsistency {
  /** Rows looked at; enough to tell, cheap to scan. */
  static final int MAX_ROWS = 200;

  private static final Pattern NUMBER =
      Pattern.compile(
          "[+-]?(\\d+([.,]\\d+)?|\\d{1,3}([.,' ]\\d{3})+([.,]\\d+)?|\\d*\\.\\d+([eE][+-]?\\d+)?)");
  private static final Pattern DATE =
      Pattern.compile("\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}([ T].*)?");
  private static final Pattern BOOL = Pattern.compile("(?i)true|false|yes|no");

  /**
   * A word or a few: letters, digits, spaces and the punctuation of names ({@code O'Neil}, {@code
   * POIROT-DELMOTTE}), none of the delimiter candidates. CleverCSV counts such cells as typed too;
   * a wrong split leaves delimiters inside its cells.
   */
  private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} '.\\-_/()&]*");

  private TypeConsistency() {}

  /** 0..1 over the rows with {@code width} fields; 0 when there are none. */
  static double of(List<List<String>> records, int width) {
    return of(records, width, false);
  }

  /**
   * The pattern-and-type score that decides between equally consistent delimiters, after CleverCSV:
   * the share of typed cells (words count, see {@link #WORDS}) times {@code (w - 1) / w}, which
   * rewards a split into more fields. {@code 1,5;2,5} still splits on {@code ;} (two numbers
   * against {@code 5;2}); {@code 12345,'BERTRAND',#200;5009.13} splits on {@code ,}.
   */
  static double patternTimesType(List<List<String>> records, int width) {
    if (width < 2) return 0;
    return of(records, width, true) * (width - 1) / width;
  }

  private static double of(List<List<String>> records, int width, boolean words) {
    int rows = 0;
    int cells = 0;
    int typed = 0;
    List<Map<String, Integer>> shapes = new java.util.ArrayList<>();
    for (int i = 0; i < width; i++) shapes.add(new HashMap<>());
    for (List<String> r : records) {
      if (r.size() != width) continue;
      if (++rows > MAX_ROWS) break;
      for (int i = 0; i < width; i++) {
        String v = r.get(i).strip();
        if (v.isEmpty()) continue;
        cells++;
        String shape = shape(v);
        if (words && shape.equals("other") && WORDS.matcher(unquote(v)).matches()) shape = "word";
        shapes.get(i).merge(shape, 1, Integer::sum);
      }
    }
    for (Map<String, Integer> column : shapes) {
      int best = 0;
      for (Map.Entry<String, Integer> e : column.entrySet()) {
        if (!e.getKey().equals("other")) best = Math.max(best, e.getValue());
      }
      typed += best;
    }
    return cells == 0 ? 0 : (double) typed / cells;
  }

  /** A value wrapped in single quotes that the dialect's quote left in place. */
  private static String unquote(String v) {
    return v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\''
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static String shape(String v) {
    if (NUMBER.matcher(v).matches()) return "number";
    if (DATE.matcher(v).matches()) return "date";
    if (BOOL.matcher(v).matches()) return "boolean";
    return "other";
  }
}
