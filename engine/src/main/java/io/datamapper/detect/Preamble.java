package io.datamapper.detect;

import java.util.List;

/** Rows above a CSV table: report titles, export dates, count lines. Stateless. */
final class Preamble {
  private Preamble() {}

  /**
   * Records above the table: a leading run of rows that are shorter than the table's width or
   * mostly empty (a report title, an export date, a "506,13,,,,," count line), followed by rows
   * that all have that width. A row one field short right above the table is its header when it
   * holds names (R writes headers without the row-name column; a trailing delimiter on every data
   * row gives them one empty field more). 0 when none.
   */
  static int rows(List<List<String>> records, int width) {
    if (width < 2 || records.size() < 3) return 0;
    boolean trailingEmpty = trailingEmpty(records, width);
    int first = 0;
    while (first < records.size()
        && !(fits(records.get(first), width, trailingEmpty)
            && !sparse(records.get(first), width))) {
      first++;
    }
    if (first == 0 || first > 10 || first >= records.size() - 1) return 0;
    for (int i = first; i < records.size(); i++) {
      if (!fits(records.get(i), width, trailingEmpty)) return 0;
    }
    List<String> above = records.get(first - 1);
    if (width >= 3 && above.size() == width - 1 && names(above)) first--;
    return first;
  }

  private static boolean fits(List<String> row, int width, boolean trailingEmpty) {
    return row.size() == width || (trailingEmpty && row.size() == width - 1);
  }

  /** At most a quarter of the fields filled, in a table of at least four columns. */
  private static boolean sparse(List<String> row, int width) {
    if (width < 4) return false;
    int filled = 0;
    for (String v : row) {
      if (!v.isBlank()) filled++;
    }
    return filled * 4 <= width;
  }

  /** Every full-width row ends with an empty field: the rows end with a delimiter. */
  private static boolean trailingEmpty(List<List<String>> records, int width) {
    int full = 0;
    for (List<String> r : records) {
      if (r.size() != width) continue;
      if (!r.get(width - 1).isEmpty()) return false;
      full++;
    }
    return full >= 2;
  }

  /** Non-empty (the first may be empty: a row-name column), distinct, not numbers. */
  private static boolean names(List<String> row) {
    List<String> rest = row.get(0).isBlank() ? row.subList(1, row.size()) : row;
    return !rest.isEmpty() && HeaderDecider.looksLikeNames(rest);
  }
}
