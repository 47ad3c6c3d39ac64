package io.datamapper.detect;

import io.datamapper.DataMapperException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.format.RecordReaders;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ExcelOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detection for formats whose readers name the fields themselves (JSON, XML, Excel): read up to
 * {@link Detector#SAMPLE_RECORDS} records with the format's reader, in its automatic mode (records
 * path, record element, sheet and header row found by the reader), then type each field from its
 * sampled values with the same rules as CSV columns. The sample also stops at {@link #SAMPLE_CHARS}
 * characters of values (after one record at least): records may be as large as the record limit,
 * and ten thousand of those would not fit any heap.
 */
final class RecordSampler {
  /** Characters of values sampled at most (the CSV sample's 16 MB). */
  static final long SAMPLE_CHARS = 16L << 20;

  private RecordSampler() {}

  static Detection detect(InputStream in, SourceSpec start, String name, String table) {
    return detect(in, start, name, table, ReadLimits.DEFAULT);
  }

  static Detection detect(
      InputStream in, SourceSpec start, String name, String table, ReadLimits limits) {
    SourceSpec source = start;
    Format format = start.format();
    List<Note> notes = new ArrayList<>();
    List<String> fields;
    List<List<String>> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    boolean more;
    try (RecordReader reader = RecordReaders.open(in, source, name, List.of(), limits)) {
      fields = reader.fields();
      RawRecord r = null;
      long chars = 0;
      while (rows.size() < Detector.SAMPLE_RECORDS
          && chars < SAMPLE_CHARS
          && (r = reader.next()) != null) {
        rows.add(Arrays.asList(r.values()));
        lines.add(r.line());
        for (String v : r.values()) chars += v == null ? 0 : v.length();
      }
      more = r != null;
      source = FormatOptions.chosen(reader, source, notes);
    } catch (IOException e) {
      throw new DataMapperException("cannot read " + name + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty() || fields.isEmpty())
      throw new DataMapperException(name + " has no records to detect a mapping from");
    if (format == Format.EXCEL && !more) {
      int footer = Footer.start(rows, lines);
      if (footer > 0 && footer < rows.size()) {
        long last = lines.get(footer - 1);
        notes.add(
            Note.file(
                "rows "
                    + lines.get(footer)
                    + "–"
                    + lines.get(lines.size() - 1)
                    + " below the table look like notes"
                    + " (after a blank row, one cell of text each); excel.lastRow: "
                    + last
                    + " stops before them, leaving "
                    + (rows.size() - footer)
                    + (rows.size() - footer == 1 ? " row" : " rows")
                    + " out — remove lastRow to load them"));
        rows = rows.subList(0, footer);
        var e = source.excel();
        source =
            new SourceSpec(
                source.format(),
                source.encoding(),
                null,
                new ExcelOptions(e.sheet(), e.headerRow(), e.skipRows(), (int) last),
                null,
                null);
      }
    }
    notes.add(
        Note.file(
            format.spelling()
                + ": "
                + fields.size()
                + " fields in "
                + rows.size()
                + " sampled records"
                + (more ? "; the rest of the file was not read" : " (the whole file)")));
    Columns columns = Columns.ofFields(fields, rows);
    notes.addAll(columns.notes());
    notes.addAll(CandidateKeys.notes(columns.profiles(), rows.size()));
    List<ColumnSpec> specs = new ArrayList<>();
    for (int i = 0; i < columns.profiles().size(); i++) {
      ColumnProfile p = columns.profiles().get(i);
      String field = columns.sources().get(i);
      // an object that is sometimes null: its members are columns already, the null itself adds
      // nothing
      if (p.allEmpty() && fields.stream().anyMatch(f -> f.startsWith(field + "."))) {
        notes.removeIf(n -> p.column().equals(n.column()));
        continue;
      }
      specs.add(
          new ColumnSpec(
              field, p.column(), p.type(), true, null, p.typed().format(), p.transforms()));
    }
    ChildProposals.Result proposed =
        format == Format.JSON || format == Format.XML
            ? ChildProposals.propose(fields, rows, specs, columns.profiles(), table, notes)
            : new ChildProposals.Result(specs, List.of(), List.of());
    Mapping mapping =
        new Mapping(
            source,
            new TargetSpec("public", table, true, LoadMode.APPEND),
            proposed.columns(),
            proposed.keys(),
            Policies.defaults(),
            null,
            proposed.children());
    return new Detection(mapping, notes);
  }
}
