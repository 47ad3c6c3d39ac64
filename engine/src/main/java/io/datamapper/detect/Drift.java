package io.datamapper.detect;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a file's fields meet the columns a saved mapping or an existing table expects: which match
 * (exactly, or once names are normalized), which look renamed (similar names, paired best first,
 * each name used once), which fields are new and which expected columns are missing from the file.
 * So a recurring import notices when its source changes. Immutable.
 */
public record Drift(
    List<Match> matched, List<Match> renamed, List<String> added, List<ExpectedColumn> missing) {

  /** How a file field was paired with an expected column. */
  public enum Kind {
    EXACT,
    NORMALIZED,
    SIMILAR
  }

  /**
   * A file field paired with an expected column; {@code score} is 1 for exact and normalized
   * matches.
   */
  public record Match(String field, ExpectedColumn column, Kind kind, double score) {}

  public Drift {
    matched = List.copyOf(matched);
    renamed = List.copyOf(renamed);
    added = List.copyOf(added);
    missing = List.copyOf(missing);
  }

  /** True when every field matched an expected column and every expected column was found. */
  public boolean none() {
    return renamed.isEmpty() && added.isEmpty() && missing.isEmpty();
  }

  /**
   * Pairs {@code fields} (the file's, in file order) with {@code expected}: exact source names
   * first, then normalized names (against the source and the column name), then similar names.
   */
  public static Drift of(List<String> fields, List<ExpectedColumn> expected) {
    List<Match> matched = new ArrayList<>();
    List<Match> renamed = new ArrayList<>();
    Set<Integer> usedFields = new HashSet<>();
    Set<Integer> usedColumns = new HashSet<>();
    for (Kind kind : List.of(Kind.EXACT, Kind.NORMALIZED)) {
      for (int i = 0; i < fields.size(); i++) {
        if (usedFields.contains(i)) continue;
        for (int j = 0; j < expected.size(); j++) {
          if (usedColumns.contains(j) || !same(kind, fields.get(i), expected.get(j))) continue;
          matched.add(new Match(fields.get(i), expected.get(j), kind, 1));
          usedFields.add(i);
          usedColumns.add(j);
          break;
        }
      }
    }
    List<Integer> freeFields = free(fields.size(), usedFields);
    List<Integer> freeColumns = free(expected.size(), usedColumns);
    List<String> a = freeFields.stream().map(fields::get).toList();
    List<String> b = freeColumns.stream().map(j -> expected.get(j).source()).toList();
    for (double[] p : ColumnMatcher.similarPairs(a, b)) {
      int i = freeFields.get((int) p[0]);
      int j = freeColumns.get((int) p[1]);
      if (usedFields.contains(i) || usedColumns.contains(j)) continue;
      renamed.add(new Match(fields.get(i), expected.get(j), Kind.SIMILAR, p[2]));
      usedFields.add(i);
      usedColumns.add(j);
    }
    List<String> added = new ArrayList<>();
    for (int i : free(fields.size(), usedFields)) added.add(fields.get(i));
    List<ExpectedColumn> missing = new ArrayList<>();
    for (int j : free(expected.size(), usedColumns)) missing.add(expected.get(j));
    return new Drift(matched, renamed, added, missing);
  }

  /** A paired column whose sampled values no longer fit the type it is expected to have. */
  public record TypeChange(String field, ExpectedColumn column, String detected) {}

  /**
   * The matched or renamed columns expected to hold a typed value (not text) whose file field
   * detects as text now: the import would reject such values. {@code detected} is the detection of
   * the same file (sources equal to the fields given to {@link #of}).
   */
  public List<TypeChange> typeChanges(List<ColumnSpec> detected) {
    List<TypeChange> out = new ArrayList<>();
    List<Match> pairs = new ArrayList<>(matched);
    pairs.addAll(renamed);
    for (Match m : pairs) {
      String expectedType =
          m.column().type() == null ? "text" : m.column().type().toLowerCase(Locale.ROOT);
      if (expectedType.startsWith("text")
          || expectedType.startsWith("char")
          || expectedType.startsWith("varchar")) continue;
      detected.stream()
          .filter(c -> m.field().equals(c.source()))
          .findFirst()
          .filter(c -> c.type() instanceof ColumnType.Text)
          .ifPresent(c -> out.add(new TypeChange(m.field(), m.column(), c.type().spelling())));
    }
    return out;
  }

  private static boolean same(Kind kind, String field, ExpectedColumn c) {
    if (kind == Kind.EXACT) return field.equals(c.source());
    String f = ColumnMatcher.normalize(field);
    return !f.isEmpty()
        && (f.equals(ColumnMatcher.normalize(c.source()))
            || f.equals(ColumnMatcher.normalize(c.name())));
  }

  private static List<Integer> free(int n, Set<Integer> used) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!used.contains(i)) out.add(i);
    }
    return out;
  }

  /** The report for a person, one line per finding; {@code against} names the mapping or table. */
  public String text(String against) {
    StringBuilder sb = new StringBuilder();
    int expected = matched.size() + renamed.size() + missing.size();
    sb.append("Compared with ")
        .append(against)
        .append(" (")
        .append(expected)
        .append(expected == 1 ? " column" : " columns")
        .append("): ");
    if (none()) {
      sb.append("no drift — every column was found").append(normalizedCount()).append('\n');
      return sb.toString();
    }
    sb.append(matched.size())
        .append(" matched")
        .append(normalizedCount())
        .append(", ")
        .append(renamed.size())
        .append(" renamed?, ")
        .append(added.size())
        .append(" new, ")
        .append(missing.size())
        .append(" missing\n");
    for (Match m : renamed) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  renamed?  '%s' in the file looks like '%s' (column %s, similarity %.2f)%n",
              m.field(),
              m.column().source(),
              m.column().name(),
              m.score()));
    }
    for (String f : added)
      sb.append("  new       '").append(f).append("' is in the file but not expected\n");
    for (ExpectedColumn c : missing) {
      sb.append("  missing   '")
          .append(c.source())
          .append("' (column ")
          .append(c.name())
          .append(") is not in the file\n");
    }
    return sb.toString();
  }

  private String normalizedCount() {
    long n = matched.stream().filter(m -> m.kind() == Kind.NORMALIZED).count();
    return n == 0 ? "" : " (" + n + " by normalized name)";
  }
}
