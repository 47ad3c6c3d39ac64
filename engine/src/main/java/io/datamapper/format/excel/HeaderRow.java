package io.datamapper.format.excel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the header row of a sheet and names its columns.
 *
 * <p>Detection: among the first {@value ExcelRecordReader#HEADER_SEARCH} non-empty rows, the header
 * is the first row whose non-empty cells are mostly (more than half) text and that fills at least
 * as many cells as the typical (median) row of the {@value ExcelRecordReader#HEADER_LOOKAHEAD}
 * non-empty rows below it — so a title row with one cell above the table is passed over. Cells
 * covered by a merged region anchored in the row count as filled. When the next row is all text,
 * has more values than it and sits on a row that is not mostly text (numbers, dates, booleans),
 * that next row is the header instead (the first was a banner widened by merges, or the group row
 * of a two-row header). When no row qualifies, the widest mostly-text row is taken; when no row is
 * mostly text (dates, numbers), the sheet has no header row and its first row is data, as CSV
 * header detection would vote.
 *
 * <p>Naming: each name is the cell's text, trimmed. A cell covered by a merged region takes the
 * text of the region's first cell; the second, third ... columns of a horizontal region get " 2", "
 * 3" ... appended so that they stay distinct. A column with no text becomes {@code column_N} (N =
 * 1-based column number). Names repeated in the sheet stay as they are: the loader matches repeated
 * names by occurrence.
 */
final class HeaderRow {
  private HeaderRow() {}

  /**
   * What {@link #detect} answers when no row of the first ones is mostly text: the sheet has no
   * header row.
   */
  static final int NONE = -2;

  /**
   * Index in {@code rows} of the header, -1 when there are no rows, {@link #NONE} when no row is
   * mostly text (a sheet of dates, numbers or value/type pairs: its first row is data).
   */
  static int detect(List<ExcelBook.SheetRow> rows, List<ExcelBook.Merge> merges) {
    if (rows.isEmpty()) return -1;
    int search = Math.min(rows.size(), ExcelRecordReader.HEADER_SEARCH);
    int widestText = -1;
    int widestCount = -1;
    for (int i = 0; i < search; i++) {
      ExcelBook.SheetRow row = rows.get(i);
      int filled = filled(row, merges);
      if (!mostlyText(row)) continue;
      if (filled > widestCount) {
        widestCount = filled;
        widestText = i;
      }
      int end = Math.min(rows.size(), i + 1 + ExcelRecordReader.HEADER_LOOKAHEAD);
      if (end == i + 1) return i;
      int[] below = new int[end - i - 1];
      for (int j = i + 1; j < end; j++) below[j - i - 1] = filled(rows.get(j), merges);
      Arrays.sort(below);
      int typical = below[(below.length - 1) / 2];
      if (filled >= typical) return preferNext(rows, i) ? i + 1 : i;
    }
    return widestText >= 0 ? widestText : NONE;
  }

  /**
   * A text row right below the chosen one, at least as full of values, with a row of numbers, dates
   * or booleans under it, is the real header: the chosen row is a banner widened by merged cells,
   * or the group row of a two-row header.
   */
  private static boolean preferNext(List<ExcelBook.SheetRow> rows, int i) {
    if (i + 2 >= rows.size()) return false;
    ExcelBook.SheetRow next = rows.get(i + 1);
    return allText(next) && values(next) > values(rows.get(i)) && !mostlyText(rows.get(i + 2));
  }

  private static boolean allText(ExcelBook.SheetRow row) {
    for (int c = 0; c < row.values().length; c++) {
      if (row.values()[c] != null && !row.text()[c]) return false;
    }
    return true;
  }

  private static int values(ExcelBook.SheetRow row) {
    int n = 0;
    for (String v : row.values()) if (v != null) n++;
    return n;
  }

  private static boolean mostlyText(ExcelBook.SheetRow row) {
    int values = 0;
    int text = 0;
    for (int c = 0; c < row.values().length; c++) {
      if (row.values()[c] == null) continue;
      values++;
      if (row.text()[c]) text++;
    }
    return values > 0 && text * 2 > values;
  }

  private static int filled(ExcelBook.SheetRow row, List<ExcelBook.Merge> merges) {
    int n = 0;
    for (String v : row.values()) if (v != null) n++;
    for (ExcelBook.Merge m : merges) {
      if (m.firstRow() == row.number()
          && m.firstColumn() < row.values().length
          && row.values()[m.firstColumn()] != null) {
        n += m.lastColumn() - m.firstColumn();
      }
    }
    return n;
  }

  /**
   * Column names of {@code header}; {@code above} are the non-empty rows before it (for merged
   * regions).
   */
  static List<String> names(
      ExcelBook.SheetRow header, List<ExcelBook.SheetRow> above, List<ExcelBook.Merge> merges) {
    String[] values = header.values();
    int width = values.length;
    List<ExcelBook.Merge> covering = new ArrayList<>();
    for (ExcelBook.Merge m : merges) {
      if (m.firstRow() <= header.number()
          && m.lastRow() >= header.number()
          && m.firstColumn() < 16384) {
        covering.add(m);
        String anchor = anchorText(m, header, above);
        if (anchor != null && m.lastColumn() + 1 > width)
          width = Math.min(m.lastColumn() + 1, 16384);
      }
    }
    List<String> names = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      String v = c < values.length ? values[c] : null;
      String name = v == null ? null : v.strip();
      if (name == null || name.isEmpty()) {
        for (ExcelBook.Merge m : covering) {
          if (c < m.firstColumn() || c > m.lastColumn()) continue;
          String anchor = anchorText(m, header, above);
          if (anchor != null && !anchor.isEmpty()) {
            int position = c - m.firstColumn() + 1;
            name = position == 1 ? anchor : anchor + " " + position;
          }
          break;
        }
      }
      names.add(name == null || name.isEmpty() ? "column_" + (c + 1) : name);
    }
    return List.copyOf(names);
  }

  /** Text of a merged region's first cell, from the header row or a row above it. */
  private static String anchorText(
      ExcelBook.Merge m, ExcelBook.SheetRow header, List<ExcelBook.SheetRow> above) {
    ExcelBook.SheetRow row = null;
    if (m.firstRow() == header.number()) {
      row = header;
    } else {
      Map<Integer, ExcelBook.SheetRow> byNumber = new HashMap<>();
      for (ExcelBook.SheetRow r : above) byNumber.put(r.number(), r);
      row = byNumber.get(m.firstRow());
    }
    if (row == null || m.firstColumn() >= row.values().length) return null;
    String v = row.values()[m.firstColumn()];
    return v == null ? null : v.strip();
  }
}
