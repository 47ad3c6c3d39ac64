package io.datamapper.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * R's {@code write.csv}/{@code write.table} with row names writes one field fewer in the header
 * than in every data row (the row names' column has no header). Read as a header, every row would
 * have one extra value and be rejected; read as R does, the first column holds the row names and
 * the header names the rest. Stateless.
 */
final class RowNames {
  /** The name given to the first column. */
  static final String NAME = "row_names";

  private RowNames() {}

  /**
   * True when the header is one field short of at least 90% of the rows (and of at least two), the
   * header is one line, and the extra field is not just a trailing delimiter (empty last fields).
   */
  static boolean headerShort(List<String> header, List<List<String>> rows) {
    if (rows.size() < 2 || header.size() < 1) return false;
    int width = header.size() + 1;
    long matching = rows.stream().filter(r -> r.size() == width).count();
    if (matching * 10 < rows.size() * 9L) return false;
    boolean trailingEmpty =
        rows.stream()
            .filter(r -> r.size() == width)
            .allMatch(r -> r.get(width - 1) == null || r.get(width - 1).isEmpty());
    if (trailingEmpty) return false;
    return header.stream().noneMatch(h -> h.indexOf('\n') >= 0 || h.indexOf('\r') >= 0);
  }

  /** The header's names after {@link #NAME}. */
  static List<String> names(List<String> header) {
    List<String> all = new ArrayList<>(header.size() + 1);
    all.add(NAME);
    all.addAll(header);
    return all;
  }

  static String evidence(List<String> header) {
    return "the header has "
        + header.size()
        + " fields and the rows "
        + (header.size() + 1)
        + " (R's row names, written without a header): the first column is named "
        + NAME
        + ", the header line names the others and is skipped (header: false, one more skipRows);"
        + " columns are read by position";
  }
}
