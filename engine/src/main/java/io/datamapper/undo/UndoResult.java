package io.datamapper.undo;

/**
 * What an undo did: rows of the import deleted, rows it had updated given their previous values
 * back, and whether the table was dropped (the import had created it and nothing else is in it) or
 * the table a replace swapped out was put back. Immutable.
 */
public record UndoResult(
    long importId,
    String table,
    long rowsDeleted,
    long rowsRestored,
    boolean droppedTable,
    boolean restoredTable) {

  /** One line for people: "deleted 12 rows, restored 3 rows". */
  public String describe() {
    if (restoredTable) return "put back the table it had replaced";
    StringBuilder sb = new StringBuilder("deleted ").append(rows(rowsDeleted));
    if (rowsRestored > 0)
      sb.append(", restored the previous values of ").append(rows(rowsRestored));
    if (droppedTable) sb.append(", dropped the table it had created");
    return sb.toString();
  }

  private static String rows(long n) {
    return String.format("%,d %s", n, n == 1 ? "row" : "rows");
  }
}
