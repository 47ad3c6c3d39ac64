package io.datamapper.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as an aligned text table; long cells are cut so a terminal stays readable. */
final class TextTable {
  private static final int MAX_CELL = 40;

  private TextTable() {}

  static void print(PrintWriter out, List<String> headers, List<List<String>> rows) {
    print(out, headers, rows, new boolean[headers.size()]);
  }

  /**
   * As {@link #print(PrintWriter, List, List)}, with the columns flagged in {@code right} (numbers)
   * right-aligned.
   */
  static void print(
      PrintWriter out, List<String> headers, List<List<String>> rows, boolean[] right) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++)
        widths[i] = Math.max(widths[i], cell(row.get(i)).length());
    }
    line(out, headers, widths, right);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) rule.append("-+-");
      rule.append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : rows) line(out, row, widths, right);
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths, boolean[] right) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) sb.append(" | ");
      String c = cell(cells.get(i));
      if (right[i]) sb.append(" ".repeat(widths[i] - c.length())).append(c);
      else sb.append(c).append(" ".repeat(widths[i] - c.length()));
    }
    out.println(sb.toString().stripTrailing());
  }

  private static String cell(String v) {
    if (v == null) return "";
    String s = v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
  }
}
