package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the first record is a header. Each column votes: a typed column (numbers, dates,
 * ...) votes "header" when the first value does not fit its type and "data" when it does; a text
 * column votes "header" only when all its values share one length the first value lacks. With no
 * votes either way, the first row is a header when its values are non-empty, distinct and not
 * numbers or dates, which is how most files start. Stateless.
 */
final class HeaderDecider {
  private static final int EXAMPLES = 3;

  private HeaderDecider() {}

  record Decision(boolean header, String evidence) {}

  /**
   * @param first the first record
   * @param data the records after it
   * @param profiles one per field of {@code first}, profiled over {@code data}
   */
  static Decision decide(
      List<String> first, List<List<String>> data, List<ColumnProfile> profiles, char delimiter) {
    if (data.isEmpty()) {
      return looksLikeNames(first)
          ? new Decision(
              true,
              "only one row in the sample: taken as the header (distinct, non-empty, not numbers); no data to type the columns")
          : new Decision(
              false,
              "only one row in the sample: taken as data (it has empty, repeated or numeric values)");
    }
    List<String> forHeader = new ArrayList<>();
    List<String> forData = new ArrayList<>();
    java.util.Set<Integer> years = yearHeader(first, data, profiles);
    if (!years.isEmpty()) {
      forHeader.add(
          years.size()
              + " columns are named by consecutive years ("
              + first.get(years.iterator().next()).strip()
              + ", ...) above values that are not years");
    }
    for (int i = 0; i < first.size() && i < profiles.size(); i++) {
      if (years.contains(i)) continue;
      String v = first.get(i);
      ColumnProfile p = profiles.get(i);
      if (v.isBlank() || ColumnProfile.NULL_TOKEN_CANDIDATES.contains(v)) continue;
      if (p.type() instanceof ColumnType.Text) {
        Integer width = commonWidth(data, i);
        if (width != null && v.length() != width && !sameShape(v, data, i))
          forHeader.add("'" + v + "' above values that are all " + width + " characters long");
        continue;
      }
      List<String> withFirst = new ArrayList<>(p.rows() + 1);
      withFirst.add(v.strip());
      for (List<String> r : data) {
        String x = i < r.size() ? r.get(i).strip() : "";
        if (!x.isEmpty() && !ColumnProfile.NULL_TOKEN_CANDIDATES.contains(x)) withFirst.add(x);
      }
      String typeName = p.type().spelling();
      if (ColumnProfile.guess(p.column(), withFirst, delimiter).type().equals(p.type())) {
        forData.add(v + " fits the " + typeName + " values below it");
      } else {
        forHeader.add("'" + v + "' above " + typeName + " values");
      }
    }
    if (forHeader.size() > forData.size()) {
      return new Decision(
          true,
          "first row is a header: "
              + examples(forHeader)
              + (forData.isEmpty() ? "" : " (though " + examples(forData) + ")"));
    }
    if (forData.size() > forHeader.size()) {
      return new Decision(
          false,
          "no header row: the first row holds data ("
              + examples(forData)
              + "); columns are named column_1, column_2, ...");
    }
    if (looksLikeNames(first)) {
      return new Decision(
          true,
          "first row taken as the header: its values are distinct, non-empty and not numbers,"
              + " but the column types cannot confirm it — check that it is not data");
    }
    return new Decision(
        false,
        "no header row: the first row has empty, repeated or numeric values and the column"
            + " types give no evidence; columns are named column_1, column_2, ... — check that it is not a header");
  }

  /**
   * Wide tables name columns by year (1960, 1961, ...): the columns whose first value is a year in
   * an increasing run, evenly spaced but for gaps, of at least three, where no value below it is a
   * number in that year's range. Empty when there is no such run.
   */
  static java.util.Set<Integer> yearHeader(
      List<String> first, List<List<String>> data, List<ColumnProfile> profiles) {
    List<Integer> columns = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < first.size() && i < profiles.size(); i++) {
      String v = first.get(i).strip();
      if (!v.matches("[12]\\d{3}") || !numeric(profiles.get(i).type()) || holdsYears(data, i))
        continue;
      columns.add(i);
      values.add(Integer.parseInt(v));
    }
    if (columns.size() < 3) return java.util.Set.of();
    // increasing by one step (or a multiple of it, where an empty year column was left out)
    int step = Integer.MAX_VALUE;
    for (int k = 1; k < values.size(); k++)
      step = Math.min(step, values.get(k) - values.get(k - 1));
    if (step <= 0) return java.util.Set.of();
    for (int k = 1; k < values.size(); k++) {
      if ((values.get(k) - values.get(k - 1)) % step != 0) return java.util.Set.of();
    }
    return new java.util.LinkedHashSet<>(columns);
  }

  private static boolean numeric(ColumnType t) {
    return t instanceof ColumnType.BigInt
        || t instanceof ColumnType.Numeric
        || t instanceof ColumnType.DoubleType
        || t instanceof ColumnType.Int;
  }

  /** Some value of column {@code i} is a number between 1000 and 2999. */
  private static boolean holdsYears(List<List<String>> data, int i) {
    for (List<String> r : data) {
      if (i >= r.size()) continue;
      try {
        double d = Double.parseDouble(r.get(i).strip());
        if (d >= 1000 && d < 3000) return true;
      } catch (NumberFormatException e) {
        // not a plain number: not a year either
      }
    }
    return false;
  }

  /**
   * Non-empty, distinct, and none is a number (digits alone included), date or other typed value
   * (booleans aside).
   */
  static boolean looksLikeNames(List<String> row) {
    Set<String> seen = new HashSet<>();
    for (String v : row) {
      String s = v.strip();
      if (s.isEmpty() || !seen.add(s)) return false;
      // digits alone (08075, a zip code kept as text for its leading zero) are data, not a name
      if (s.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
      // a lone y, n, t or f is more likely a name (coordinates x, y) than a boolean
      ColumnType t = ColumnProfile.guess("", List.of(s), ',').type();
      if (!(t instanceof ColumnType.Text || t instanceof ColumnType.Bool)) return false;
    }
    return true;
  }

  /**
   * True when {@code v} is written like every value below it but for the length of its runs of
   * digits or letters: {@code 2/1/03} above {@code 12/28/02} is a shorter date, not a name.
   */
  private static boolean sameShape(String v, List<List<String>> data, int i) {
    String shape = shape(v);
    if (shape.equals("a")) return false; // a single word: the length vote decides
    for (List<String> r : data) {
      if (i >= r.size() || !shape(r.get(i)).equals(shape)) return false;
    }
    return true;
  }

  private static String shape(String v) {
    return v.strip().replaceAll("\\p{L}+", "a").replaceAll("\\p{N}+", "9");
  }

  /** The length every value of column {@code i} has, when there are at least two and they agree. */
  private static Integer commonWidth(List<List<String>> data, int i) {
    if (data.size() < 2) return null;
    int width = -1;
    for (List<String> r : data) {
      if (i >= r.size() || r.get(i).isEmpty()) return null;
      int w = r.get(i).length();
      if (width >= 0 && w != width) return null;
      width = w;
    }
    return width;
  }

  private static String examples(List<String> reasons) {
    List<String> shown = reasons.subList(0, Math.min(EXAMPLES, reasons.size()));
    return String.join("; ", shown)
        + (reasons.size() > EXAMPLES ? "; and " + (reasons.size() - EXAMPLES) + " more" : "");
  }
}
