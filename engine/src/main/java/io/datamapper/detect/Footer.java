package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds notes below a table (a spreadsheet's "Source: …" lines). Cutting rows off is the worst
 * mistake an importer can make, so only strong evidence counts: at most {@link #MAX_ROWS} trailing
 * rows, each holding one or two cells of words (a letter in every value) where the typical row
 * fills at least three, which also differ in shape from the table: a blank row separates them from
 * it, or a word sits in a column whose values above are all numbers, dates or booleans. A sparse
 * row of plain text values in text columns is data. Stateless.
 */
final class Footer {
  /** More trailing rows than this are not "a few notes". */
  static final int MAX_ROWS = 10;

  private Footer() {}

  /**
   * The index of the first footer row, or {@code rows.size()} when there is none.
   *
   * @param lines the sheet row number of each row (a gap in them is a blank row)
   */
  static int start(List<List<String>> rows, List<Long> lines) {
    if (rows.isEmpty()) return 0;
    int[] filled =
        rows.stream().mapToInt(r -> (int) r.stream().filter(Objects::nonNull).count()).toArray();
    int[] sorted = filled.clone();
    Arrays.sort(sorted);
    int typical = sorted[sorted.length / 2];
    int sparse = Math.min(2, (typical - 1) / 2);
    if (typical < 3) return rows.size();
    int i = rows.size();
    while (i > 0
        && rows.size() - i < MAX_ROWS
        && filled[i - 1] <= sparse
        && filled[i - 1] > 0
        && isWords(rows.get(i - 1))) i--;
    if (i == rows.size() || i == 0 || filled[i - 1] <= sparse) return rows.size();
    boolean gap = lines.get(i) > lines.get(i - 1) + 1;
    return gap || wordInTypedColumn(rows, i) ? i : rows.size();
  }

  private static boolean isWords(List<String> row) {
    for (String v : row) {
      if (v != null && v.codePoints().noneMatch(Character::isLetter)) return false;
    }
    return true;
  }

  /**
   * Whether a footer row has a value in a column typed other than text by the rows above {@code
   * start}.
   */
  private static boolean wordInTypedColumn(List<List<String>> rows, int start) {
    for (List<String> row : rows.subList(start, rows.size())) {
      for (int c = 0; c < row.size(); c++) {
        if (row.get(c) == null) continue;
        List<String> above = new ArrayList<>();
        for (List<String> r : rows.subList(0, start)) {
          if (c < r.size() && r.get(c) != null && !r.get(c).isBlank()) above.add(r.get(c).strip());
        }
        if (!above.isEmpty()
            && !(ColumnProfile.guess("c", above, ',').type() instanceof ColumnType.Text))
          return true;
      }
    }
    return false;
  }
}
