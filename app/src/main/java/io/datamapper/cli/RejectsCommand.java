package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper rejects IMPORT_ID}: the rows an import did not load, with the reason. */
@Command(name = "rejects", mixinStandardHelpOptions = true, description = "Lists the rejected rows of an import.")
public final class RejectsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMPORT_ID") long importId;

  @Option(names = "--limit", defaultValue = "100", description = "How many (default: ${DEFAULT-VALUE})") int limit;

  @Option(names = "--json", description = "Print a JSON array") boolean json;

  @Mixin DbOptions db;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Database database = db.open()) {
      Ledger ledger = new Ledger(database.dataSource());
      if (ledger.find(importId).isEmpty()) throw new DataMapperException("There is no import #" + importId + " (see: datamapper imports)");
      List<RejectRecord> rejects = ledger.rejects(importId, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(rejects));
      } else if (rejects.isEmpty()) {
        out.println("Import #" + importId + " rejected no rows.");
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (RejectRecord r : rejects) {
          rows.add(List.of(String.valueOf(r.recordNumber()), r.lineNumber() == null ? "" : String.valueOf(r.lineNumber()),
              r.column() == null ? "" : r.column(), r.value() == null ? "" : r.value(), r.reason(), r.raw() == null ? "" : r.raw()));
        }
        TextTable.print(out, List.of("record", "line", "column", "value", "reason", "raw"), rows);
      }
      out.flush();
      return 0;
    }
  }
}
