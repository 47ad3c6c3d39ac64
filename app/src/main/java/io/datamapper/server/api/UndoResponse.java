package io.datamapper.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.undo.UndoResult;

/**
 * The answer to {@code DELETE /imports/{id}}: the ledger row, now {@code undone}, and what was
 * done.
 *
 * @param importRecord the import's ledger row after the undo (member {@code import})
 * @param rowsDeleted rows it had inserted, now deleted
 * @param rowsRestored rows it had updated, given their previous values back
 * @param droppedTable whether the table it created was dropped
 * @param restoredTable whether the table it replaced was put back
 * @param summary the same in a sentence
 */
record UndoResponse(
    @JsonProperty("import") ImportRecord importRecord,
    long rowsDeleted,
    long rowsRestored,
    boolean droppedTable,
    boolean restoredTable,
    String summary) {

  static UndoResponse of(ImportRecord after, UndoResult r) {
    return new UndoResponse(
        after,
        r.rowsDeleted(),
        r.rowsRestored(),
        r.droppedTable(),
        r.restoredTable(),
        r.describe());
  }
}
