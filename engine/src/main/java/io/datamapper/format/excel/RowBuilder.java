package io.datamapper.format.excel;

import java.util.Arrays;

/** Collects one row's cells by column, then yields a trimmed {@link ExcelBook.SheetRow}. Reused. */
final class RowBuilder {
  private String[] values = new String[16];
  private boolean[] text = new boolean[16];
  private int width;
  private long chars;

  void reset() {
    Arrays.fill(values, 0, width, null);
    Arrays.fill(text, 0, width, false);
    width = 0;
    chars = 0;
  }

  /** Characters of the values set since {@link #reset()}: what the row holds. */
  long chars() {
    return chars;
  }

  /** Excel's last column is XFD (16,384); cells past it are ignored. */
  static final int MAX_COLUMNS = 16_384;

  /** Sets a cell; {@code null} or {@code ""} counts as empty. */
  void set(int column, String value, boolean isText) {
    if (value == null || value.isEmpty() || column < 0 || column >= MAX_COLUMNS) return;
    if (column >= values.length) {
      int n = Math.max(values.length * 2, column + 1);
      values = Arrays.copyOf(values, n);
      text = Arrays.copyOf(text, n);
    }
    String before = values[column];
    chars += value.length() - (before == null ? 0 : before.length());
    values[column] = value;
    text[column] = isText;
    if (column >= width) width = column + 1;
  }

  /** The row, or {@code null} when no cell was set. */
  ExcelBook.SheetRow build(int number) {
    if (width == 0) return null;
    return new ExcelBook.SheetRow(number, Arrays.copyOf(values, width), Arrays.copyOf(text, width));
  }
}
