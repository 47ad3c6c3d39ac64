package io.datamapper.load;

import java.util.List;

/**
 * The result of a finished import. {@code importId} is null for a dry run (nothing is recorded).
 * {@code status} is {@code succeeded} or {@code dry-run}. {@code rowsDuplicateInTable} counts rows
 * whose key was already loaded (of which {@code rowsUpdated} were changed); {@code ddl} lists the
 * statements that created, emptied or swapped tables; {@code rowsFiltered} counts rows the
 * mapping's filter left out (read, neither loaded nor rejected); {@code rowsSkipped} counts rows
 * with data the reader passed over on purpose (such as Excel rows after {@code excel.lastRow}),
 * {@code skippedReason} says why ({@code null} when none were). Immutable.
 */
public record ImportSummary(
    Long importId,
    String table,
    String fileName,
    long fileSize,
    String sha256,
    long rowsRead,
    long rowsInserted,
    long rowsUpdated,
    long rowsDuplicateInFile,
    long rowsDuplicateInTable,
    long rowsRejected,
    boolean createdTable,
    long durationMillis,
    String status,
    List<String> notes,
    List<String> ddl,
    long rowsFiltered,
    long rowsSkipped,
    String skippedReason) {

  public ImportSummary {
    notes = List.copyOf(notes);
    ddl = List.copyOf(ddl);
  }

  public double rowsPerSecond() {
    return durationMillis <= 0 ? rowsRead : rowsRead * 1000.0 / durationMillis;
  }
}
