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

  private TypeConsistency() {}

  /** 0..1 over the rows with {@code width} fields; 0 when there are none. */
  static double of(List<List<String>> records, int width) {
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
        shapes.get(i).merge(shape(v), 1, Integer::sum);
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

  private static String shape(String v) {
    if (NUMBER.matcher(v).matches()) return "number";
    if (DATE.matcher(v).matches()) return "date";
    if (BOOL.matcher(v).matches()) return "boolean";
    return "other";
  }
}
