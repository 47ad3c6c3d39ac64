package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.TableName;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final Ledger ledger;
  private final List<ImportSource> sources;

  PrefixImport(ImportCommand command, Database database, List<ImportSource> sources) {
    this.command = command;
    this.importer =
        Importer.builder()
            .dataSource(database.dataSource())
            .limits(Limits.fromEnvironment())
            .build();
    this.ledger = new Ledger(database.dataSource());
    this.sources = sources;
  }

  /**
   * Without a mapping file the mapping is detected from each object, which reads its start; when
   * --table names the target, an object already imported there is recognised before that.
   */
  private Optional<ImportRecord> importedBefore(ImportSource source) {
    if (command.mappingFile != null
        || command.table == null
        || command.force
        || source.etag() == null
        || source.size() < 0) {
      return Optional.empty();
    }
    TableName name = TableName.parse(command.table);
    return ledger.findSucceededObject(
        source.uri(), source.etag(), source.size(), name.schemaOr("public"), name.table());
  }

  int run() {
    PrintWriter out = command.spec.commandLine().getOut();
    PrintWriter err = command.spec.commandLine().getErr();
    List<Map<String, Object>> objects = new ArrayList<>();
    int imported = 0;
    int skipped = 0;
    int failed = 0;
    long rows = 0;
    for (ImportSource source : sources) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("uri", source.uri());
      try {
        Optional<ImportRecord> before = importedBefore(source);
        if (before.isPresent()) throw new AlreadyImportedException(source.name(), before.get());
        Mapping mapping = command.mapping(source);
        ImportSummary s;
        try (ProgressDisplay progress =
            ProgressDisplay.forTerminal(source.name(), source.size(), command.json)) {
          s =
              importer.run(
                  new ImportRequest(source, mapping, command.dryRun, command.force, progress));
        }
        imported++;
        rows += s.rowsInserted();
        line.putAll(ImportCommand.toMap(s));
        if (!command.json) {
          out.printf(
              "imported %s: %s into %s%s%n",
              source.uri(),
              ImportCommand.rows(s.rowsInserted()),
              s.table(),
              s.importId() == null ? " (dry run)" : " — import #" + s.importId());
        }
      } catch (AlreadyImportedException e) {
        skipped++;
        line.put("status", "skipped");
        line.put("previousImportId", e.previousImportId());
        if (!command.json)
          out.printf(
              "skipped  %s: already imported as import #%d%n", source.uri(), e.previousImportId());
      } catch (DataMapperException e) {
        // PostgreSQL is gone: the objects after this one would fail the same way; stop with exit
        // code 3
        if (DataMapperCommand.environmentFailure(e)) throw e;
        failed++;
        line.put("status", "failed");
        if (e.importId() != null) line.put("importId", e.importId());
        line.put("error", e.getMessage());
        if (!command.json) out.printf("failed   %s: %s%n", source.uri(), e.getMessage());
      }
      objects.add(line);
      out.flush();
    }
    String total =
        String.format(
            "%d %s: %d imported (%s), %d skipped as already imported, %d failed",
            sources.size(),
            sources.size() == 1 ? "object" : "objects",
            imported,
            ImportCommand.rows(rows),
            skipped,
            failed);
    if (command.json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", failed == 0 ? "succeeded" : "failed");
      summary.put("objects", objects);
      summary.put("imported", imported);
      summary.put("skipped", skipped);
      summary.put("failed", failed);
      summary.put("rowsInserted", rows);
      out.println(Json.write(summary));
    } else {
      out.println(total);
    }
    out.flush();
    if (failed > 0)
      err.println("Error: " + failed + " of " + sources.size() + " objects failed (see above)");
    return failed == 0 ? 0 : 1;
  }
}
