package io.datamapper.ledger;

import java.time.OffsetDateTime;

/** One row of the import ledger ({@code datamapper.imports}). Immutable. */
public record ImportRecord(
    long id, String fileName, String sourceUri, Long fileSize, String sha256, String format,
    String targetSchema, String targetTable, String status, boolean dryRun,
    long rowsRead, long rowsInserted, long rowsUpdated, long rowsDuplicateInFile,
    long rowsDuplicateInTable, long rowsRejected, OffsetDateTime startedAt,
    OffsetDateTime finishedAt, Long durationMs, String error, String mappingJson) {

  public String target() {
    return targetSchema + "." + targetTable;
  }
}
