package io.datamapper.server.api;

import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The import ledger, its reject store, and undo. */
@RestController
class ImportsController {
  private final Ledger ledger;

  ImportsController(Ledger ledger) {
    this.ledger = ledger;
  }

  @Operation(summary = "The import ledger, newest first")
  @GetMapping("/imports")
  List<ImportRecord> list(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000, not " + limit);
    return ledger.list(limit);
  }

  @Operation(summary = "One import: file, SHA-256, mapping, target, counts, timings, status, error")
  @GetMapping("/imports/{id}")
  ImportRecord get(@PathVariable long id) {
    return find(id);
  }

  @Operation(summary = "Rows an import did not load, with line, column, value and reason")
  @GetMapping("/imports/{id}/rejects")
  List<RejectRecord> rejects(@PathVariable long id, @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > 10_000) throw ApiException.badRequest("limit must be between 1 and 10000, not " + limit);
    find(id);
    return ledger.rejects(id, limit);
  }

  @Operation(summary = "Undo an import (removes its rows)", description = "Not available yet: answers 501.")
  @DeleteMapping("/imports/{id}")
  ImportRecord undo(@PathVariable long id) {
    find(id);
    return undoImport(id);
  }

  /** The one place undo is wired: the engine's undo lands separately. */
  private ImportRecord undoImport(long id) {
    throw new ApiException(HttpStatus.NOT_IMPLEMENTED, "undo is not available yet (import #" + id + " is unchanged).");
  }

  private ImportRecord find(long id) {
    return ledger.find(id).orElseThrow(() -> ApiException.notFound("There is no import #" + id + ". GET /imports lists them."));
  }
}
