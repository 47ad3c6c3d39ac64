package io.datamapper.cli;

import io.datamapper.db.Database;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code datamapper imports}: the import ledger, newest first. */
@Command(
    name = "imports",
    mixinStandardHelpOptions = true,
    description = "Lists imports, newest first.")
public final class ImportsCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "How many (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "Print a JSON array")
  boolean json;

  @Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database database = db.open()) {
      List<ImportRecord> imports = new Ledger(database.dataSource()).list(limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(imports.stream().map(ImportsCommand::toMap).toList()));
        out.flush();
        return 0;
      }
      if (imports.isEmpty()) {
        out.println("No imports yet. Try: datamapper import FILE");
        out.flush();
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (ImportRecord r : imports) {
        rows.add(
            List.of(
                String.valueOf(r.id()),
                r.startedAt().toLocalDateTime().format(WHEN),
                r.status(),
                shownSource(r),
                r.target(),
                String.format("%,d", r.rowsRead()),
                String.format("%,d", r.rowsInserted()),
                String.format("%,d", r.rowsUpdated()),
                String.format("%,d", r.rowsDuplicateInFile()),
                String.format("%,d", r.rowsDuplicateInTable()),
                String.format("%,d", r.rowsRejected()),
                String.format("%,d", r.rowsFiltered()),
                String.format("%,d", r.rowsSkipped()),
                r.durationMs() == null ? "" : String.format("%.2f s", r.durationMs() / 1000.0),
                remark(r)));
      }
      TextTable.print(
          out,
          List.of(
              "id",
              "started",
              "status",
              "file",
              "table",
              "read",
              "inserted",
              "updated",
              "dup in file",
              "dup in table",
              "rejected",
              "filtered",
              "skipped",
              "time",
              "error / note"),
          rows);
      return 0;
    }
  }

  /** The error, or what happened since: undone, or a replay of another import's rejects. */
  private static String remark(ImportRecord r) {
    if (r.error() != null) return r.error();
    if (r.undoNote() != null) return "undone: " + r.undoNote();
    if (r.replayOf() != null) return "replays the rejects of import #" + r.replayOf();
    return "";
  }

  /** A local file by its name; a b2://, s3:// or https:// source by its URL. */
  private static String shownSource(ImportRecord r) {
    String uri = r.sourceUri();
    return uri != null && !uri.startsWith("file:") ? uri : r.fileName();
  }

  static Map<String, Object> toMap(ImportRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("status", r.status());
    m.put("file", r.fileName());
    m.put("sourceUri", r.sourceUri());
    m.put("fileSize", r.fileSize());
    m.put("sha256", r.sha256());
    m.put("format", r.format());
    m.put("table", r.target());
    m.put("rowsRead", r.rowsRead());
    m.put("rowsInserted", r.rowsInserted());
    m.put("rowsUpdated", r.rowsUpdated());
    m.put("rowsDuplicateInFile", r.rowsDuplicateInFile());
    m.put("rowsDuplicateInTable", r.rowsDuplicateInTable());
    m.put("rowsRejected", r.rowsRejected());
    m.put("rowsFiltered", r.rowsFiltered());
    m.put("rowsSkipped", r.rowsSkipped());
    m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
    m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    m.put("durationMs", r.durationMs());
    m.put("error", r.error());
    m.put("replayOf", r.replayOf());
    m.put("undoneAt", r.undoneAt() == null ? null : r.undoneAt().toString());
    m.put("undoNote", r.undoNote());
    return m;
  }
}
