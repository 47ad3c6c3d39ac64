package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.detect.Detection;
import io.datamapper.detect.Drift;
import io.datamapper.detect.ExpectedColumn;
import io.datamapper.detect.Note;
import io.datamapper.detect.TableColumns;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.Sources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code datamapper detect FILE [--json] [--mapping M | --table T]}: prints the proposed mapping
 * with the evidence (as comments, or a {@code notes} list in JSON); with a saved mapping or an
 * existing table, first how the file's fields meet its columns (drift).
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Proposes a mapping for FILE (YAML; --json for JSON). Reads only a sample of the file.")
public final class DetectCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE|URL",
      description = "A file, or b2://, s3:// or https:// location")
  String file;

  @Option(names = "--json", description = "Print the mapping as JSON")
  boolean json;

  @picocli.CommandLine.Mixin SourceOptions sourceOptions;

  @Option(
      names = {"--mapping", "-m"},
      paramLabel = "M.yaml",
      description =
          "Compare the file with this saved mapping: matched, renamed-looking, new and missing columns")
  Path mapping;

  @Option(
      names = "--table",
      paramLabel = "T",
      description =
          "Compare the file with the columns of this existing table (name or schema.name)")
  String table;

  /** The database holding {@code --table}. */
  @picocli.CommandLine.Mixin DbOptions db;

  @picocli.CommandLine.Mixin StorageOptions storage;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (mapping != null && table != null)
      throw new DataMapperException("give --mapping or --table, not both");
    Mapping saved = mapping == null ? null : MappingReader.read(mapping);
    SourceSpec hint = saved == null ? sourceOptions.hint() : sourceOptions.apply(saved.source());
    Detection d;
    try (ResolvedSources sources = Sources.resolve(file, storage.config(file))) {
      d = Sources.detect(sources.sources().get(0), hint, Limits.fromEnvironment());
    }
    List<String> fields = d.mapping().columns().stream().map(ColumnSpec::source).toList();
    Drift drift = null;
    String against = null;
    if (saved != null) {
      drift = Drift.of(fields, ExpectedColumn.of(saved));
      against = "mapping " + mapping;
    } else if (table != null) {
      try (Database database = db.open()) {
        drift = Drift.of(fields, TableColumns.of(database.dataSource(), table));
      }
      against = "table " + table;
    }
    List<Drift.TypeChange> retyped =
        drift == null ? List.of() : drift.typeChanges(d.mapping().columns());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = jsonTree(d);
      if (drift != null) root.set("drift", driftTree(drift, against, retyped));
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      if (drift != null) {
        for (String line : drift.text(against).split("\n")) out.println("# " + line);
        for (Drift.TypeChange t : retyped) {
          out.println(
              "#   type?     '"
                  + t.field()
                  + "' (column "
                  + t.column().name()
                  + ") is "
                  + t.column().type()
                  + " there but its sampled values are "
                  + t.detected()
                  + " now — the import would reject them");
        }
      }
      for (Note note : d.notes()) {
        out.println("# " + note.message().replace("\n", " "));
      }
      out.print(MappingWriter.toYaml(d.mapping()));
    }
    out.flush();
    return 0;
  }

  /**
   * {@code {against, matched: [{field, column, source, how}], renamed: [{field, column, source,
   * similarity}], new: [...], missing: [{column, source}], typeChanges: [{field, column, expected,
   * detected}]}}.
   */
  static ObjectNode driftTree(Drift drift, String against, List<Drift.TypeChange> retyped) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("against", against);
    ArrayNode matched = n.putArray("matched");
    for (Drift.Match m : drift.matched()) {
      matched
          .addObject()
          .put("field", m.field())
          .put("column", m.column().name())
          .put("source", m.column().source())
          .put("how", m.kind().name().toLowerCase(Locale.ROOT));
    }
    ArrayNode renamed = n.putArray("renamed");
    for (Drift.Match m : drift.renamed()) {
      renamed
          .addObject()
          .put("field", m.field())
          .put("column", m.column().name())
          .put("source", m.column().source())
          .put("similarity", Math.round(m.score() * 100) / 100.0);
    }
    ArrayNode added = n.putArray("new");
    drift.added().forEach(added::add);
    ArrayNode missing = n.putArray("missing");
    for (ExpectedColumn c : drift.missing())
      missing.addObject().put("column", c.name()).put("source", c.source());
    ArrayNode changes = n.putArray("typeChanges");
    for (Drift.TypeChange t : retyped) {
      changes
          .addObject()
          .put("field", t.field())
          .put("column", t.column().name())
          .put("expected", t.column().type())
          .put("detected", t.detected());
    }
    return n;
  }

  /**
   * The mapping as JSON plus the notes: {@code source.csv.lineSeparator} holds the characters
   * themselves (a mapping reads both spellings), and {@code notes} lists {@code {column, message,
   * evidence}} with {@code column} null for file-level notes.
   */
  static ObjectNode jsonTree(Detection d) {
    ObjectNode root = MappingWriter.toTree(d.mapping());
    CsvOptions csv = d.mapping().source().csv();
    if (csv != null && root.get("source").get("csv") instanceof ObjectNode c) {
      c.put("lineSeparator", csv.lineSeparator());
    }
    ArrayNode notes = root.putArray("notes");
    for (Note n : d.notes()) {
      ObjectNode note = notes.addObject();
      if (n.column() == null) {
        note.putNull("column");
      } else {
        note.put("column", n.column());
      }
      note.put("message", n.message());
      ArrayNode evidence = note.putArray("evidence");
      n.evidence().forEach(evidence::add);
    }
    return root;
  }
}
