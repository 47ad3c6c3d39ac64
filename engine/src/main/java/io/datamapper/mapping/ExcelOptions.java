package io.datamapper.mapping;

/**
 * Excel source options: sheet by name or 1-based index, 1-based header row (0: no header row, the
 * columns are {@code column_1}, {@code column_2}, ... and the first row is data), data rows to skip
 * after it, and the last row to read (1-based, inclusive: notes below a table stop there). Null
 * parts are detected or unlimited.
 */
public record ExcelOptions(String sheet, Integer headerRow, Integer skipRows, Integer lastRow) {
  public ExcelOptions(String sheet, Integer headerRow, Integer skipRows) {
    this(sheet, headerRow, skipRows, null);
  }
}
