package io.datamapper.server.api;

import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.undo.UndoResult;
import io.datamapper.undo.Undoer;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import ledger, its reject store (read in read-only transactions under the statement timeout),
 * and undo.
 */
@RestController
class ImportsController {
  private final Ledger ledger;
  private final Undoer undoer;

  ImportsController(ReadConnections reads, DataSource dataSource) {
    this.ledger = new Ledger(reads.dataSource());
    this.undoer = new Undoer(dataSource);
  }

  @Operation(summary = "The import ledger, newest first")
  @GetMapping("/imports")
  @Requires(Role.READER)
  List<ImportRecord> list(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000)
      throw ApiException.badRequest("limit must be between 1 and 1000, not " + limit);
    return ledger.list(limit);
  }

  @Operation(summary = "One import: file, SHA-256, mapping, target, counts, timings, status, error")
  @GetMapping("/imports/{id}")
  @Requires(Role.READER)
  ImportRecord get(@PathVariable long id) {
    return find(id);
  }

  @Operation(summary = "Rows an import did not load, with line, column, value and reason")
  @GetMapping("/imports/{id}/rejects")
  @Requires(Role.READER)
  List<RejectRecord> rejects(
      @PathVariable long id, @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > 10_000)
      throw ApiException.badRequest("limit must be between 1 and 10000, not " + limit);
    find(id);
    return ledger.rejects(id, limit);
  }

  @Operation(
      summary = "Undo an import",
      description =
          "Deletes the rows it inserted, gives rows it updated their previous values "
              + "back, drops a table it created (when nothing else is in it) or puts back a table it replaced. 409 with the reason when a "
              + "later import changed its rows (undo that one first), or it cannot be undone. Answers the ledger row, now 'undone', "
              + "and what was done.")
  @DeleteMapping("/imports/{id}")
  @Requires(Role.IMPORTER)
  UndoResponse undo(@PathVariable long id) {
    find(id);
    UndoResult r = undoer.undo(id);
    return UndoResponse.of(find(id), r);
  }

  private ImportRecord find(long id) {
    return ledger
        .find(id)
        .orElseThrow(
            () ->
                ApiException.notFound("There is no import #" + id + ". GET /imports lists them."));
  }
}
