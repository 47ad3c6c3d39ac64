package io.datamapper.format.excel;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * One open workbook as {@link ExcelRecordReader} needs it: its sheets, their non-empty rows as
 * text, and their merged regions. Implemented for xlsx (fastexcel-reader) and xls (POI HSSF). Not
 * thread-safe.
 */
interface ExcelBook extends Closeable {

  /** A sheet's name and whether it is shown (neither hidden nor very hidden). */
  record SheetInfo(String name, boolean visible) {}

  /** A merged region: 1-based rows, 0-based columns, inclusive. */
  record Merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    boolean covers(int row, int column) {
      return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
    }
  }

  /**
   * A non-empty row: its 1-based sheet row number, each cell's text by 0-based column ({@code null}
   * = empty; the array ends at the last non-empty cell) and whether the cell holds text (a string,
   * not a number, date, boolean or error).
   */
  record SheetRow(int number, String[] values, boolean[] text) {}

  /** Streams a sheet's non-empty rows, in order. */
  interface SheetRows extends Closeable {
    /** The next row that has at least one non-empty cell, or {@code null} at the end. */
    SheetRow next() throws IOException;
  }

  /** "xlsx" or "xls", for messages. */
  String kind();

  List<SheetInfo> sheets();

  /** Opens the rows of the sheet at 0-based {@code index}. */
  SheetRows rows(int index) throws IOException;

  /** The merged regions of the sheet at 0-based {@code index}. */
  List<Merge> merges(int index) throws IOException;
}
