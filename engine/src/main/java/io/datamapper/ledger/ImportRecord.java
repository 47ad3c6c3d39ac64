package io.datamapper.ledger;

import java.time.OffsetDateTime;

/**
 * One row of the import ledger ({@code datamapper.imports}). {@code replayOf} is the import whose
 * rejects this one loaded again; {@code undoneAt} and {@code undoNote} say when and how it was
 * undone; {@code rowsFiltered} counts rows the mapping's filter left out; {@code rowsSkipped} rows
 * with data the reader passed over on purpose (Excel rows after {@code excel.lastRow}). Immutable.
 */
public record ImportRecord(
    long id,
    String fileName,
    String sourceUri,
    Long fileSize,
    String sha256,
    String format,
    String targetSchema,
    String targetTable,
    String status,
    boolean dryRun,
    long rowsRead,
    long rowsInserted,
    long rowsUpdated,
    long rowsDuplicateInFile,
    long rowsDuplicateInTable,
    long rowsRejected,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    Long durationMs,
    String error,
    String mappingJson,
    Long replayOf,
    OffsetDateTime undoneAt,
    String undoNote,
    long rowsFiltered,
    long rowsSkipped) {

  public String target() {
    return targetSchema + "." + targetTable;
  }
}
