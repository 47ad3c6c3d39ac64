package io.datamapper.cli;

import io.datamapper.detect.Detection;
import io.datamapper.detect.Detector;
import io.datamapper.detect.Note;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.MappingWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper detect FILE}: prints the proposed mapping, with the evidence as comments. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = "Proposes a mapping for FILE (YAML; --json for JSON). Reads only a sample of the file.")
public final class DetectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE") Path file;

  @Option(names = "--json", description = "Print the mapping as JSON") boolean json;

  @picocli.CommandLine.Mixin SourceOptions sourceOptions;

  /** Accepted like every command's; detection against an existing table will use it. */
  @picocli.CommandLine.Mixin DbOptions db;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Detection d = Detector.detect(file, sourceOptions.hint());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(jsonTree(d)));
    } else {
      for (Note note : d.notes()) {
        out.println("# " + note.message().replace("\n", " "));
      }
      out.print(MappingWriter.toYaml(d.mapping()));
    }
    out.flush();
    return 0;
  }

  /**
   * The mapping as JSON plus the notes: {@code source.csv.lineSeparator} holds the characters
   * themselves (a mapping reads both spellings), and {@code notes} lists
   * {@code {column, message, evidence}} with {@code column} null for file-level notes.
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
