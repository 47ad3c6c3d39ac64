package io.datamapper.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds notes below a table (a spreadsheet's "Source: …" lines): the trailing rows that hold
 * fewer than half the values of a typical row (and at most two), after the last row that is
 * filled like the others. Stateless.
 */
final class Footer {
  private Footer() {}

  /** The index of the first footer row, or {@code rows.size()} when there is none. */
  static int start(List<List<String>> rows) {
    int[] filled = rows.stream().mapToInt(r -> (int) r.stream().filter(Objects::nonNull).count()).toArray();
    int[] sorted = filled.clone();
    Arrays.sort(sorted);
    int typical = sorted[sorted.length / 2];
    int sparse = Math.min(2, (typical - 1) / 2);
    if (typical < 3) return rows.size();
    int i = rows.size();
    while (i > 0 && filled[i - 1] <= sparse) i--;
    return i;
  }
}
