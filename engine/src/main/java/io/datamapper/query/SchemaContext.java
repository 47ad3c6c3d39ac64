package io.datamapper.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database as the model sees it: tables ranked by how many of the question's words their names,
 * columns and source files share, written as commented {@code CREATE TABLE}s (row estimate, keys,
 * foreign keys, lineage, a few sample values per short text column) until the prompt budget is
 * spent; tables that no longer fit are listed by name. Stateless.
 */
final class SchemaContext {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP =
      Set.of(
          "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by", "with", "is", "are",
          "was", "were", "what", "which", "who", "how", "many", "much", "me", "show", "list",
          "give", "all", "each", "per", "from", "do", "does", "did", "have", "has", "that", "this",
          "there", "their", "it", "its", "be", "at", "as", "than", "most", "top");
  private static final Set<String> LEDGER_WORDS =
      Set.of(
          "file",
          "import",
          "imported",
          "load",
          "loaded",
          "source",
          "ledger",
          "csv",
          "came",
          "lineage");

  private SchemaContext() {}

  /**
   * {@code tables} ordered by relevance to {@code question} (stable for equal scores: user tables,
   * then by name).
   */
  static List<TableSchema> rank(List<TableSchema> tables, String question) {
    Set<String> words = words(question == null ? "" : question);
    record Scored(TableSchema table, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (TableSchema t : tables) scored.add(new Scored(t, score(t, words)));
    scored.sort(
        Comparator.comparingInt((Scored s) -> -s.score)
            .thenComparing(s -> s.table.isLedger())
            .thenComparing(s -> s.table.qualifiedName()));
    return scored.stream().map(Scored::table).toList();
  }

  private static int score(TableSchema t, Set<String> question) {
    int score = 0;
    Set<String> name = words(t.schema() + " " + t.name());
    Set<String> columns = new HashSet<>();
    t.columns().forEach(c -> columns.addAll(words(c.name())));
    Set<String> files = new HashSet<>();
    t.files().forEach(f -> files.addAll(words(f)));
    for (String w : question) {
      if (name.contains(w)) score += 3;
      if (columns.contains(w)) score += 1;
      if (files.contains(w)) score += 1;
      if (t.isLedger() && LEDGER_WORDS.contains(w)) score += 3;
    }
    return score;
  }

  /**
   * Lower-cased words without stop words, each also in a singular form; identifiers split at
   * underscores.
   */
  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.replace('_', ' ').toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() < 2 || STOP.contains(w)) continue;
      out.add(w);
      if (w.endsWith("ies") && w.length() > 4) out.add(w.substring(0, w.length() - 3) + "y");
      else if (w.endsWith("s") && w.length() > 3) out.add(w.substring(0, w.length() - 1));
    }
    return out;
  }

  /**
   * The description sent to the model: {@code ranked} tables in order, each with its samples
   * ({@code samples.apply(table)}: column → values, asked only for tables that are written out),
   * until about {@code maxChars}.
   */
  static String describe(
      List<TableSchema> ranked,
      Function<TableSchema, Map<String, List<String>>> samples,
      int maxChars) {
    if (ranked.isEmpty()) return "-- The database has no user tables yet.\n";
    StringBuilder out = new StringBuilder();
    List<String> left = new ArrayList<>();
    for (TableSchema t : ranked) {
      if (!left.isEmpty() || out.length() >= maxChars) {
        left.add(t.qualifiedName());
        continue;
      }
      String bare = render(t, Map.of());
      if (out.length() > 0 && out.length() + bare.length() > maxChars) {
        left.add(t.qualifiedName());
        continue;
      }
      String full = render(t, samples.apply(t));
      out.append(out.length() + full.length() <= maxChars || out.length() == 0 ? full : bare)
          .append('\n');
    }
    if (!left.isEmpty()) {
      StringBuilder names =
          new StringBuilder("-- Not described here (less related to the question): ");
      for (int i = 0; i < left.size() && names.length() < 2_000; i++)
        names.append(i == 0 ? "" : ", ").append(left.get(i));
      out.append(names).append('\n');
    }
    return out.toString();
  }

  /** One table as a commented CREATE TABLE. */
  static String render(TableSchema t, Map<String, List<String>> samples) {
    StringBuilder b = new StringBuilder();
    b.append("-- ").append(t.kind()).append(' ').append(t.qualifiedName());
    b.append(
        t.rows() < 0
            ? " (row count unknown)"
            : String.format(" (~%,d %s)", t.rows(), t.rows() == 1 ? "row" : "rows"));
    if (t.isLedger()) b.append(": the import ledger, one row per import of a file");
    b.append('\n');
    if (!t.files().isEmpty())
      b.append("-- imported from: ").append(String.join("; ", t.files())).append('\n');
    b.append("CREATE TABLE ")
        .append(ident(t.schema()))
        .append('.')
        .append(ident(t.name()))
        .append(" (\n");
    List<String> lines = new ArrayList<>();
    for (TableSchema.Column c : t.columns()) {
      StringBuilder line =
          new StringBuilder("  ").append(ident(c.name())).append(' ').append(c.type());
      if (c.notNull()) line.append(" NOT NULL");
      String comment = null;
      if (c.name().equals("_import_id"))
        comment = "the import (datamapper.imports.id) that loaded the row";
      List<String> values = samples.get(c.name());
      if (values != null && !values.isEmpty())
        comment =
            "e.g. "
                + String.join(
                    ", ", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
      lines.add(line + (comment == null ? "" : " -- " + comment));
    }
    t.keys().forEach(k -> lines.add("  " + k));
    t.foreignKeys().forEach(k -> lines.add("  " + k));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = line.indexOf(" -- ");
      boolean last = i == lines.size() - 1;
      if (comment < 0) b.append(line).append(last ? "" : ",");
      else b.append(line, 0, comment).append(last ? "" : ",").append(line.substring(comment));
      b.append('\n');
    }
    return b.append(");\n").toString();
  }

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  /** PostgreSQL's reserved words, which must be quoted as names. */
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with");

  /** A name as SQL must write it: bare when plain, else double-quoted. */
  static String ident(String name) {
    return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : Catalog.quote(name);
  }
}
