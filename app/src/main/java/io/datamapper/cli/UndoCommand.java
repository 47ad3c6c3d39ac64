package io.datamapper.cli;

import io.datamapper.db.Database;
import io.datamapper.undo.UndoResult;
import io.datamapper.undo.Undoer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper undo IMPORT_ID}: removes what an import did. */
@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    description = {
      "Undoes an import: deletes the rows it inserted, gives rows it updated their previous values back,",
      "drops a table it created (when nothing else is in it) or puts back a table it replaced.",
      "Refused, changing nothing, when a later import changed its rows: undo that one first."
    })
public final class UndoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMPORT_ID")
  long importId;

  @Option(names = "--json", description = "Print the result as one JSON object")
  boolean json;

  @Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database database = db.open()) {
      UndoResult r = new Undoer(database.dataSource()).undo(importId);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", r.importId());
        m.put("table", r.table());
        m.put("rowsDeleted", r.rowsDeleted());
        m.put("rowsRestored", r.rowsRestored());
        m.put("droppedTable", r.droppedTable());
        m.put("restoredTable", r.restoredTable());
        out.println(Json.write(m));
      } else {
        out.println(
            "Undid import #" + r.importId() + " in " + r.table() + ": " + r.describe() + ".");
      }
      out.flush();
      return 0;
    }
  }
}
