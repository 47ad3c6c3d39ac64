package io.datamapper.detect;

import io.datamapper.format.csv.CsvRecordReader;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a sample: whether the first record is a header, each column's source (header text,
 * or 1-based position without a header), its profile (name, type, ...) and notes on names and
 * ragged rows, and whether ragged rows are to be padded ({@code raggedRows: pad}: some sampled rows
 * are short, or longer only by empty fields). Immutable.
 */
record Columns(
    boolean header,
    String headerEvidence,
    List<String> sources,
    List<ColumnProfile> profiles,
    int dataRows,
    List<Note> notes,
    boolean padRagged,
    boolean headerLineSkipped) {

  Columns {
    sources = List.copyOf(sources);
    profiles = List.copyOf(profiles);
    notes = List.copyOf(notes);
  }

  static Columns of(List<List<String>> records, char delimiter) {
    List<String> first = records.get(0);
    List<List<String>> rest = records.subList(1, records.size());
    List<String> headerNames = Identifiers.uniqueSnakeCase(first);
    // rows with another field count are rejected by an import and misalign values: type without
    // them
    List<List<String>> regular = regular(rest);
    List<ColumnProfile> asHeader = profile(headerNames, regular, delimiter);
    HeaderDecider.Decision decision = HeaderDecider.decide(first, regular, asHeader, delimiter);
    List<Note> notes = new ArrayList<>();
    if (decision.header() && RowNames.headerShort(first, rest)) {
      return rowNames(first, rest, delimiter);
    }
    if (decision.header()) {
      nameNotes(first, headerNames, notes);
      boolean pad = raggedNotes(rest, first.size(), "the header has", 2, notes);
      if (pad) {
        List<ColumnProfile> asPadded = profile(headerNames, fitted(rest, first.size()), delimiter);
        List<ColumnProfile> chosen = withPadded(asHeader, asPadded);
        if (!chosen.stream()
            .map(ColumnProfile::type)
            .toList()
            .equals(asPadded.stream().map(ColumnProfile::type).toList())) {
          notes.add(
              Note.file(
                  "some short rows do not fit the column types when padded (a quote that swallowed a delimiter"
                      + " shifts their values): the import rejects them rather than load them shifted"));
        }
        asHeader = chosen;
      }
      addProfileNotes(asHeader, notes);
      return new Columns(
          true, decision.evidence(), first, asHeader, rest.size(), notes, pad, false);
    }
    int width = DialectSniffer.score(records, delimiter).fieldCount();
    width = Math.max(width, 1);
    List<String> names = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      names.add("column_" + i);
      sources.add(String.valueOf(i));
    }
    List<ColumnProfile> profiles = profile(names, regular(records), delimiter);
    boolean pad = raggedNotes(records, width, "most rows have", 1, notes);
    addProfileNotes(profiles, notes);
    return new Columns(
        false, decision.evidence(), sources, profiles, records.size(), notes, pad, false);
  }

  /**
   * R's row names: the header line names all columns but the first; it is skipped and the columns
   * are read by position.
   */
  private static Columns rowNames(List<String> header, List<List<String>> rows, char delimiter) {
    return byPosition(RowNames.names(header), rows, delimiter, RowNames.evidence(header));
  }

  /**
   * Columns named by {@code all} and read by position: the line that names them is skipped ({@link
   * #headerLineSkipped}), as for R's row names or a header line that no quoted reading accepts.
   */
  static Columns byPosition(
      List<String> all, List<List<String>> rows, char delimiter, String evidence) {
    List<String> names = Identifiers.uniqueSnakeCase(all);
    List<String> sources = new ArrayList<>();
    for (int i = 1; i <= names.size(); i++) sources.add(String.valueOf(i));
    List<Note> notes = new ArrayList<>();
    nameNotes(all, names, notes);
    boolean pad = raggedNotes(rows, names.size(), "most rows have", 2, notes);
    List<ColumnProfile> profiles = profile(names, regular(rows), delimiter);
    addProfileNotes(profiles, notes);
    return new Columns(false, evidence, sources, profiles, rows.size(), notes, pad, true);
  }

  /** Columns for records whose reader names the fields (JSON, XML, Excel): no header guessing. */
  static Columns ofFields(List<String> fields, List<List<String>> rows) {
    List<String> names = Identifiers.uniqueSnakeCase(fields);
    List<ColumnProfile> profiles = profile(names, rows, ',');
    List<Note> notes = new ArrayList<>();
    nameNotes(fields, names, notes);
    addProfileNotes(profiles, notes);
    return new Columns(
        true,
        "field names come from the records",
        fields,
        profiles,
        rows.size(),
        notes,
        false,
        false);
  }

  /** The rows with the most common field count, when they are most rows; else all rows. */
  static List<List<String>> regular(List<List<String>> rows) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (List<String> r : rows) counts.merge(r.size(), 1, Integer::sum);
    if (counts.size() < 2) return rows;
    Map.Entry<Integer, Integer> mode =
        counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    if (mode.getValue() * 2 <= rows.size()) return rows;
    return rows.stream().filter(r -> r.size() == mode.getKey()).toList();
  }

  /**
   * Padded rows are loaded as fitted, so they are typed as fitted too (a null token such as "-"
   * only they hold must be seen) — except where they turn a typed column into text: a row short
   * because a quote swallowed a delimiter is misaligned, and rejecting it is better than loading it
   * shifted into text columns.
   */
  private static List<ColumnProfile> withPadded(
      List<ColumnProfile> regular, List<ColumnProfile> padded) {
    List<ColumnProfile> out = new ArrayList<>(regular.size());
    for (int i = 0; i < regular.size(); i++) {
      boolean toText =
          padded.get(i).type() instanceof ColumnType.Text
              && !(regular.get(i).type() instanceof ColumnType.Text);
      out.add(toText ? regular.get(i) : padded.get(i));
    }
    return out;
  }

  /**
   * The rows as {@code raggedRows: pad} loads them: fitted to {@code width}; rows with extra values
   * left out.
   */
  static List<List<String>> fitted(List<List<String>> rows, int width) {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (List<String> r : rows) {
      if (r.size() == width) {
        out.add(r);
      } else {
        String[] f = CsvRecordReader.fit(r.toArray(String[]::new), width);
        if (f != null) out.add(java.util.Arrays.asList(f));
      }
    }
    return out;
  }

  /** Cells from which columns are typed in parallel (each column on its own). */
  static final int PARALLEL_CELLS = 20_000;

  private static List<ColumnProfile> profile(
      List<String> names, List<List<String>> rows, char delimiter) {
    java.util.stream.IntStream columns = java.util.stream.IntStream.range(0, names.size());
    if ((long) names.size() * rows.size() >= PARALLEL_CELLS && names.size() > 1)
      columns = columns.parallel();
    return columns
        .mapToObj(
            i -> {
              List<String> values = new ArrayList<>(rows.size());
              for (List<String> r : rows) values.add(i < r.size() ? r.get(i) : null);
              return ColumnProfile.of(names.get(i), values, delimiter);
            })
        .toList();
  }

  private static void addProfileNotes(List<ColumnProfile> profiles, List<Note> notes) {
    for (ColumnProfile p : profiles) {
      for (String n : p.notes()) notes.add(new Note(p.column(), n, p.examples()));
    }
  }

  /** Says where a header could not be used as the name as it is. */
  private static void nameNotes(List<String> header, List<String> names, List<Note> notes) {
    Map<String, Integer> firstUse = new HashMap<>();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      String name = names.get(i);
      String plain = Identifiers.snakeCase(h);
      if (!texts.add(h)) {
        notes.add(
            new Note(
                name,
                "column '"
                    + name
                    + "': header '"
                    + h
                    + "' appears more than once; the import matches"
                    + " sources by header text, so check which field each column reads"));
      } else if (!plain.equals(name)) {
        notes.add(
            new Note(
                name,
                "column '"
                    + name
                    + "': header '"
                    + h
                    + "' would be named "
                    + plain
                    + " like column "
                    + (firstUse.get(plain) + 1)
                    + "; renamed "
                    + name));
      } else if (h.isBlank()) {
        notes.add(new Note(name, "column '" + name + "': the header is empty — named " + name));
      }
      firstUse.putIfAbsent(plain, i);
    }
  }

  /**
   * Notes the rows with another field count; true when padding them loses nothing (short, or long
   * only by empty fields).
   */
  private static boolean raggedNotes(
      List<List<String>> rows, int width, String what, int firstRecord, List<Note> notes) {
    int more = 0;
    int emptyExtras = 0;
    int fewer = 0;
    int example = -1;
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      int n = row.size();
      if (n == width) continue;
      if (n > width) {
        more++;
        if (row.subList(width, n).stream().allMatch(v -> v == null || v.isEmpty())) emptyExtras++;
      }
      if (n < width) fewer++;
      if (example < 0) example = i;
    }
    if (example < 0) return false;
    boolean pad = fewer + emptyExtras > 0;
    StringBuilder sb =
        new StringBuilder(
            more
                + fewer
                + " of "
                + rows.size()
                + " sampled rows have a different field count ("
                + what
                + " "
                + width
                + "; record "
                + (example + firstRecord)
                + " has "
                + rows.get(example).size()
                + ")");
    if (fewer > 0) sb.append("; ").append(fewer).append(" have missing fields");
    if (emptyExtras > 0) sb.append("; ").append(emptyExtras).append(" end with empty extra fields");
    if (more > emptyExtras) sb.append("; ").append(more - emptyExtras).append(" have extra values");
    if (pad) {
      sb.append(" — csv.raggedRows: pad loads missing fields as NULL and drops empty extra fields");
      if (more > emptyExtras) sb.append("; rows with extra values are rejected (malformed-record)");
    } else {
      sb.append(
          " — the import rejects such rows (with badRows: skip it loads the others and keeps them in the reject store)");
    }
    notes.add(Note.file(sb.toString()));
    return pad;
  }
}
