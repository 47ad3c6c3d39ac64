package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.mapping.Format;
import io.datamapper.rejects.RejectExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datamapper rejects IMPORT_ID}: the rows an import did not load, with the reason; or writes
 * them to a file.
 */
@Command(
    name = "rejects",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the rejected rows of an import.",
      "With --export FILE, writes them back in the source's format (CSV with the header; JSON Lines for JSON and XML)",
      "so they can be fixed and imported again with: datamapper import FILE --replay-of IMPORT_ID"
    })
public final class RejectsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMPORT_ID")
  long importId;

  @Option(
      names = "--limit",
      defaultValue = "100",
      description = "How many (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "Print a JSON array")
  boolean json;

  @Option(
      names = "--export",
      paramLabel = "FILE",
      description = "Write every rejected row to FILE instead")
  Path export;

  @Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database database = db.open()) {
      Ledger ledger = new Ledger(database.dataSource());
      if (ledger.find(importId).isEmpty())
        throw new DataMapperException(
            "There is no import #" + importId + " (see: datamapper imports)");
      PrintWriter out = spec.commandLine().getOut();
      if (export != null) {
        RejectExporter.Exported e =
            new RejectExporter(database.dataSource()).export(importId, export);
        out.printf(
            "Wrote %,d rejected %s of import #%d to %s (%s). Fix them, then: datamapper import %s --replay-of %d%n",
            e.rows(),
            e.rows() == 1 ? "row" : "rows",
            importId,
            export,
            e.format() == Format.CSV ? "CSV" : "JSON Lines",
            export,
            importId);
        out.flush();
        return 0;
      }
      List<RejectRecord> rejects = ledger.rejects(importId, limit);
      if (json) {
        out.println(Json.write(rejects));
      } else if (rejects.isEmpty()) {
        out.println("Import #" + importId + " rejected no rows.");
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (RejectRecord r : rejects) {
          rows.add(
              List.of(
                  String.valueOf(r.recordNumber()),
                  r.lineNumber() == null ? "" : String.valueOf(r.lineNumber()),
                  r.column() == null ? "" : r.column(),
                  r.value() == null ? "" : r.value(),
                  r.code() == null ? "" : r.code(),
                  r.reason(),
                  r.raw() == null ? "" : r.raw()));
        }
        TextTable.print(
            out, List.of("record", "line", "column", "value", "code", "reason", "raw"), rows);
      }
      out.flush();
      return 0;
    }
  }
}
