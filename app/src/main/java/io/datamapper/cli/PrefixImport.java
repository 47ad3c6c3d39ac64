package io.datamapper.cli;

import io.datamapper.batch.BatchImport;
import io.datamapper.batch.BatchResult;
import io.datamapper.batch.ObjectOutcome;
import io.datamapper.db.Database;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code datamapper import b2://bucket/prefix/}: every object under the prefix as its own import
 * (its own ledger entry), one line per object, then a total. Objects already imported into their
 * table are skipped (recognised by ETag and size without downloading them); a failed object does
 * not stop the others, but makes the exit code 1; PostgreSQL becoming unreachable stops them all
 * (exit code 3).
 */
final class PrefixImport {
  private final ImportCommand command;
  private final Importer importer;
  private final BatchImport batch;
  private final List<ImportSource> sources;

  PrefixImport(ImportCommand command, Database database, List<ImportSource> sources) {
    this.command = command;
    this.importer =
        Importer.builder()
            .dataSource(database.dataSource())
            .limits(Limits.fromEnvironment())
            .build();
    this.batch = new BatchImport(new Ledger(database.dataSource()));
    this.sources = sources;
  }

  int run() {
    PrintWriter out = command.spec.commandLine().getOut();
    PrintWriter err = command.spec.commandLine().getErr();
    List<Map<String, Object>> objects = new ArrayList<>();
    BatchResult result =
        batch.run(
            sources,
            new BatchImport.Options(command.table, command.mappingFile != null, command.force),
            this::importOne,
            outcome -> {
              objects.add(line(outcome));
              if (!command.json) out.println(text(outcome));
              out.flush();
            });
    int failed = result.failed();
    String total =
        String.format(
            "%d %s: %d imported (%s), %d skipped as already imported, %d failed",
            sources.size(),
            sources.size() == 1 ? "object" : "objects",
            result.imported(),
            ImportCommand.rows(result.rowsInserted()),
            result.skipped(),
            failed);
    if (command.json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", failed == 0 ? "succeeded" : "failed");
      summary.put("objects", objects);
      summary.put("imported", result.imported());
      summary.put("skipped", result.skipped());
      summary.put("failed", failed);
      summary.put("rowsInserted", result.rowsInserted());
      out.println(Json.write(summary));
    } else {
      out.println(total);
    }
    out.flush();
    if (failed > 0)
      err.println("Error: " + failed + " of " + sources.size() + " objects failed (see above)");
    return failed == 0 ? 0 : 1;
  }

  private ImportSummary importOne(ImportSource source) {
    Mapping mapping = command.mapping(source);
    try (ProgressDisplay progress =
        ProgressDisplay.forTerminal(source.name(), source.size(), command.json)) {
      return importer.run(
          new ImportRequest(source, mapping, command.dryRun, command.force, progress));
    }
  }

  /** The object's entry in the --json output: the summary's fields, or status and error. */
  private static Map<String, Object> line(ObjectOutcome outcome) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("uri", outcome.uri());
    switch (outcome.status()) {
      case IMPORTED -> line.putAll(ImportCommand.toMap(outcome.summary()));
      case SKIPPED -> {
        line.put("status", "skipped");
        line.put("previousImportId", outcome.previousImportId());
      }
      case FAILED -> {
        line.put("status", "failed");
        if (outcome.error().importId() != null) line.put("importId", outcome.error().importId());
        line.put("error", outcome.detail());
      }
    }
    return line;
  }

  private static String text(ObjectOutcome outcome) {
    return switch (outcome.status()) {
      case IMPORTED -> {
        ImportSummary s = outcome.summary();
        yield String.format(
            "imported %s: %s into %s%s",
            outcome.uri(),
            ImportCommand.rows(s.rowsInserted()),
            s.table(),
            s.importId() == null ? " (dry run)" : " — import #" + s.importId());
      }
      case SKIPPED ->
          String.format(
              "skipped  %s: already imported as import #%d",
              outcome.uri(), outcome.previousImportId());
      case FAILED -> String.format("failed   %s: %s", outcome.uri(), outcome.detail());
    };
  }
}
