package io.datamapper.cli;

import io.datamapper.detect.Detection;
import io.datamapper.detect.Note;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.Sources;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper detect FILE}: prints the proposed mapping, with the evidence as comments. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = "Proposes a mapping for FILE (YAML; --json for JSON). Reads only a sample of the file.")
public final class DetectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "A file, or b2://BUCKET/KEY, s3://BUCKET/KEY, https://URL") String file;

  @Option(names = "--json", description = "Print the mapping as JSON") boolean json;

  @picocli.CommandLine.Mixin SourceOptions sourceOptions;

  /** Accepted like every command's; detection against an existing table will use it. */
  @picocli.CommandLine.Mixin DbOptions db;

  @picocli.CommandLine.Mixin StorageOptions storage;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Detection d;
    try (ResolvedSources sources = Sources.resolve(file, storage.config())) {
      d = Sources.detect(sources.sources().get(0), sourceOptions.hint());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(MappingWriter.toJson(d.mapping()));
    } else {
      for (Note note : d.notes()) {
        out.println("# " + note.message().replace("\n", " "));
      }
      out.print(MappingWriter.toYaml(d.mapping()));
    }
    out.flush();
    return 0;
  }
}
