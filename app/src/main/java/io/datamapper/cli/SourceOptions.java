package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.mapping.ExcelOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.JsonOptions;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.XmlOptions;
import picocli.CommandLine.Option;

/**
 * {@code --format}, {@code --sheet} and {@code --record-path}: what the user knows about the
 * source.
 */
public final class SourceOptions {
  @Option(
      names = "--format",
      paramLabel = "F",
      description = "Source format: csv, excel, json or xml (default: detected)")
  String format;

  @Option(
      names = "--sheet",
      paramLabel = "S",
      description = "Excel sheet, by name or 1-based index")
  String sheet;

  @Option(
      names = "--record-path",
      paramLabel = "P",
      description =
          "JSON records path (data.items) or XML record element (/rss/channel/item or item)")
  String recordPath;

  Format format() {
    if (format == null) return null;
    Format f = Format.fromSpelling(format);
    if (f == null)
      throw new DataMapperException(
          "--format '" + format + "' is unknown; use csv, excel, json or xml");
    return f;
  }

  boolean any() {
    return format != null || sheet != null || recordPath != null;
  }

  /** A detection hint, or null when nothing was given. */
  SourceSpec hint() {
    return any() ? apply(new SourceSpec(null, null, null, null, null, null)) : null;
  }

  /** {@code source} with the options given on the command line put over it. */
  SourceSpec apply(SourceSpec source) {
    SourceSpec s = format == null ? source : source.withFormat(format());
    if (sheet != null) {
      ExcelOptions e = s.excel();
      s =
          new SourceSpec(
              s.format(),
              s.encoding(),
              s.csv(),
              new ExcelOptions(
                  sheet,
                  e == null ? null : e.headerRow(),
                  e == null ? null : e.skipRows(),
                  e == null ? null : e.lastRow()),
              s.json(),
              s.xml());
    }
    if (recordPath != null) {
      XmlOptions x = s.xml();
      s =
          new SourceSpec(
              s.format(),
              s.encoding(),
              s.csv(),
              s.excel(),
              new JsonOptions(recordPath),
              new XmlOptions(recordPath, x == null ? null : x.namespaces()));
    }
    return s;
  }
}
