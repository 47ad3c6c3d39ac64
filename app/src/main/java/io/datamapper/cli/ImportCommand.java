package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.detect.Detection;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.load.RejectedRowException;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.rejects.Replay;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.Sources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper import FILE}: loads a file through a mapping (given or detected). */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports FILE into PostgreSQL. Without --mapping, a mapping is detected from the file.",
      "Exit code 0 on success, 1 when the file, the mapping or a row is refused (nothing is written),",
      "3 when PostgreSQL became unreachable (nothing is written; run the same command again later)."
    })
public final class ImportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = {
        "The file to import: CSV/TSV, xlsx/xls, JSON/NDJSON or XML, also .gz or .zip;",
        "or b2://BUCKET/KEY, s3://BUCKET/KEY, https://URL; a prefix ending with / imports every object under it"
      })
  String file;

  @Option(
      names = {"-m", "--mapping"},
      paramLabel = "M.yaml",
      description = "Mapping file (YAML or JSON)")
  Path mappingFile;

  @Option(
      names = {"-t", "--table"},
      paramLabel = "T",
      description = "Target table (schema.table or table); overrides the mapping")
  String table;

  @Mixin SourceOptions sourceOptions;

  @Option(
      names = "--key",
      split = ",",
      paramLabel = "COL[,COL]",
      description = "Columns that identify a row; overrides the mapping's keys")
  List<String> keys;

  @Option(
      names = "--on-duplicate",
      paramLabel = "skip|update|error|keep",
      description =
          "Rows whose key is already loaded or repeats in the file: skip, update, error (refuse the file) or keep")
  String onDuplicate;

  @Option(
      names = "--mode",
      paramLabel = "append|truncate-insert|replace|upsert",
      description = "Load mode; overrides the mapping's")
  String mode;

  @Option(
      names = "--replay-of",
      paramLabel = "IMPORT_ID",
      description =
          "FILE holds fixed rejects of that import (from datamapper rejects ID --export); without --mapping, its mapping is used")
  Long replayOf;

  @Option(
      names = "--on-error",
      paramLabel = "abort|skip",
      description =
          "Bad rows: abort (all or nothing, default) or skip (load the rest, keep bad rows in the reject store)")
  String onError;

  @Option(
      names = "--max-errors",
      paramLabel = "N",
      description = "With --on-error skip: give up after N bad rows")
  Long maxErrors;

  @Option(
      names = "--dry-run",
      description = "Read, map and load everything inside a transaction, then roll it back")
  boolean dryRun;

  @Option(
      names = "--force",
      description = "Import even if this file was already imported into the table")
  boolean force;

  @Option(names = "--json", description = "Print the summary as one JSON object")
  boolean json;

  @Mixin DbOptions db;

  @Mixin StorageOptions storage;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (OpeningDatabase opening = OpeningDatabase.of(db);
        ResolvedSources sources = Sources.resolve(file, storage.config(file))) {
      if (sources.prefix()) return new PrefixImport(this, opening.get(), sources.sources()).run();
      ImportSource source = sources.sources().get(0);
      Mapping mapping =
          replayOf != null && mappingFile == null
              ? adjust(Replay.mapping(opening.get().dataSource(), replayOf))
              : mapping(source);
      ImportSummary summary;
      // the progress bar is closed (and cleared) before the summary is printed
      try (ProgressDisplay progress =
          ProgressDisplay.forTerminal(source.name(), source.size(), json)) {
        Database database = opening.get();
        Importer importer =
            Importer.builder()
                .dataSource(database.dataSource())
                .limits(Limits.fromEnvironment())
                .build();
        summary =
            importer.run(
                new ImportRequest(source, mapping, dryRun, force, progress, replayOf)
                    // detected types were never chosen: a value past the sample widens them
                    .withWidening(mappingFile == null && replayOf == null));
      }
      if (json) {
        out.println(Json.write(toMap(summary)));
      } else {
        printSummary(out, summary);
      }
      out.flush();
      return 0;
    } catch (DataMapperException e) {
      if (!json) {
        if (e instanceof RejectedRowException && e.importId() != null) {
          spec.commandLine()
              .getErr()
              .println("The row is kept in the reject store: datamapper rejects " + e.importId());
        }
        throw e;
      }
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("status", "failed");
      if (e.importId() != null) failure.put("importId", e.importId());
      failure.put("file", file);
      failure.put("error", e.getMessage());
      if (e instanceof MappingException m) failure.put("problems", m.problems());
      out.println(Json.write(failure));
      out.flush();
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      return DataMapperCommand.environmentFailure(e)
          ? DataMapperCommand.ENVIRONMENT
          : DataMapperCommand.USER_ERROR;
    }
  }

  Mapping mapping(ImportSource source) {
    Mapping mapping;
    if (mappingFile != null) {
      mapping = MappingReader.read(mappingFile);
    } else {
      Detection detection = Sources.detect(source, sourceOptions.hint(), Limits.fromEnvironment());
      mapping = detection.mapping();
    }
    if (sourceOptions.any()) mapping = mapping.withSource(sourceOptions.apply(mapping.source()));
    return adjust(mapping);
  }

  /** The mapping with this command's overrides: table, keys, policies, mode. */
  private Mapping adjust(Mapping mapping) {
    if (table != null) {
      try {
        mapping = mapping.withTable(table);
      } catch (IllegalArgumentException e) {
        throw new DataMapperException("--table: " + e.getMessage());
      }
    }
    if (onError != null || maxErrors != null) {
      Policies p = mapping.policies();
      Policies.BadRows badRows =
          onError == null
              ? p.badRows()
              : switch (onError.toLowerCase()) {
                case "abort" -> Policies.BadRows.ABORT;
                case "skip" -> Policies.BadRows.SKIP;
                default ->
                    throw new DataMapperException(
                        "--on-error must be abort or skip, not '" + onError + "'");
              };
      mapping =
          mapping.withPolicies(
              p.withBadRows(badRows, maxErrors != null ? maxErrors : p.badRowsMax()));
    }
    if (keys != null)
      mapping =
          mapping.withKeys(keys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList());
    if (onDuplicate != null) {
      Policies.DuplicateRow rule = Policies.parse(Policies.DuplicateRow.class, onDuplicate);
      if (rule == null)
        throw new DataMapperException(
            "--on-duplicate must be skip, update, error or keep, not '" + onDuplicate + "'");
      mapping = mapping.withPolicies(mapping.policies().withDuplicateRow(rule));
    }
    if (this.mode != null) {
      LoadMode m = LoadMode.fromSpelling(this.mode);
      if (m == null)
        throw new DataMapperException(
            "--mode must be append, truncate-insert, replace or upsert, not '" + this.mode + "'");
      TargetSpec t = mapping.target();
      mapping = mapping.withTarget(new TargetSpec(t.schema(), t.table(), t.create(), m));
    }
    List<String> problems = mapping.keyProblems();
    if (!problems.isEmpty()) throw new MappingException(problems);
    return mapping;
  }

  static String rows(long n) {
    return String.format("%,d %s", n, n == 1 ? "row" : "rows");
  }

  static Map<String, Object> toMap(ImportSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("importId", s.importId());
    m.put("status", s.status());
    m.put("table", s.table());
    m.put("file", s.fileName());
    m.put("fileSize", s.fileSize());
    m.put("sha256", s.sha256());
    m.put("rowsRead", s.rowsRead());
    m.put("rowsInserted", s.rowsInserted());
    m.put("rowsUpdated", s.rowsUpdated());
    m.put("rowsDuplicateInFile", s.rowsDuplicateInFile());
    m.put("rowsDuplicateInTable", s.rowsDuplicateInTable());
    m.put("rowsRejected", s.rowsRejected());
    m.put("rowsFiltered", s.rowsFiltered());
    m.put("rowsSkipped", s.rowsSkipped());
    m.put("skippedReason", s.skippedReason());
    m.put("createdTable", s.createdTable());
    m.put("durationMs", s.durationMillis());
    m.put("rowsPerSecond", Math.round(s.rowsPerSecond()));
    m.put("notes", s.notes());
    m.put("ddl", s.ddl());
    return m;
  }

  private static void printSummary(PrintWriter out, ImportSummary s) {
    boolean dry = "dry-run".equals(s.status());
    String verb = dry ? "Dry run: would import" : "Imported";
    out.printf(
        "%s %s from %s into %s in %.2f s (%,d rows/s)%s%n",
        verb,
        rows(s.rowsInserted()),
        s.fileName(),
        s.table(),
        s.durationMillis() / 1000.0,
        Math.round(s.rowsPerSecond()),
        s.importId() == null ? "" : " — import #" + s.importId());
    if (s.createdTable()) out.println("Created table " + s.table() + ".");
    if (s.rowsDuplicateInTable() > 0) {
      out.printf(
          "%s had a key already in the table%s.%n",
          rows(s.rowsDuplicateInTable()),
          s.rowsUpdated() > 0
              ? " ("
                  + String.format("%,d", s.rowsUpdated())
                  + (dry ? " would be" : "")
                  + " updated)"
              : "");
    }
    if (s.rowsDuplicateInFile() > 0)
      out.printf("%s repeated a key earlier in the file.%n", rows(s.rowsDuplicateInFile()));
    if (dry) {
      for (String ddl : s.ddl()) out.println("Would run: " + ddl.replace("\n", "\n  ") + ";");
    }
    if (s.rowsRejected() > 0) {
      out.printf(
          "Rejected %s (kept in the reject store%s).%n",
          rows(s.rowsRejected()),
          s.importId() == null ? "" : ": datamapper rejects " + s.importId());
    }
    if (s.rowsFiltered() > 0)
      out.printf("Left out %s by the mapping's filter.%n", rows(s.rowsFiltered()));
    String skipped = null;
    if (s.rowsSkipped() > 0) {
      skipped = "Skipped " + rows(s.rowsSkipped()) + ": " + s.skippedReason();
      out.println(skipped);
    }
    for (String note : s.notes()) {
      // the reader's note says what the Skipped line said: print it once
      if (!note.equals(skipped)) out.println("Note: " + note);
    }
  }
}
