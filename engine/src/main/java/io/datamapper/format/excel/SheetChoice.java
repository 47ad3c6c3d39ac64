package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import java.io.IOException;
import java.util.List;

/** Picks the sheet to read: by name, by 1-based index, or the first visible sheet with data. */
final class SheetChoice {
  private SheetChoice() {}

  /**
   * The 0-based index of the sheet {@code wanted} names: an exact name first, then a name ignoring
   * case and surrounding spaces, then a 1-based position ("2"). With no {@code wanted}: the first
   * visible sheet that has a value, else the first visible sheet.
   */
  static int choose(ExcelBook book, String wanted, String fileName) throws IOException {
    List<ExcelBook.SheetInfo> sheets = book.sheets();
    if (sheets.isEmpty()) throw new BadFileException(fileName + " has no sheets");
    if (wanted != null && !wanted.isBlank()) {
      for (int i = 0; i < sheets.size(); i++) {
        if (sheets.get(i).name().equals(wanted)) return i;
      }
      for (int i = 0; i < sheets.size(); i++) {
        if (sheets.get(i).name().strip().equalsIgnoreCase(wanted.strip())) return i;
      }
      String w = wanted.strip();
      if (w.matches("\\d{1,6}")) {
        int index = Integer.parseInt(w);
        if (index >= 1 && index <= sheets.size()) return index - 1;
      }
      throw new BadFileException(
          fileName
              + " has no sheet '"
              + wanted
              + "' (source.excel.sheet); its sheets: "
              + list(sheets));
    }
    int firstVisible = -1;
    for (int i = 0; i < sheets.size(); i++) {
      if (!sheets.get(i).visible()) continue;
      if (firstVisible < 0) firstVisible = i;
      try (ExcelBook.SheetRows rows = book.rows(i)) {
        if (rows.next() != null) return i;
      }
    }
    return firstVisible >= 0 ? firstVisible : 0;
  }

  private static String list(List<ExcelBook.SheetInfo> sheets) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sheets.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(i + 1).append(" '").append(sheets.get(i).name()).append('\'');
      if (!sheets.get(i).visible()) sb.append(" (hidden)");
    }
    return sb.toString();
  }
}
