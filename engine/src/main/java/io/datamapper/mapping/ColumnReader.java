package io.datamapper.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a mapping's {@code columns} for {@link MappingReader}: source or expression, name, type,
 * transform steps, a {@code split} (expanded here into one column per part, each with a {@link
 * Transform.SplitPart} step) and a {@code lookup}. Adds each problem to the reader's list. Not
 * thread-safe: one per mapping being read.
 */
final class ColumnReader {
  private final List<String> problems;

  ColumnReader(List<String> problems) {
    this.problems = problems;
  }

  List<ColumnSpec> columns(JsonNode n) {
    List<ColumnSpec> out = new ArrayList<>();
    if (!n.isArray() || n.isEmpty()) {
      problems.add("columns is missing or empty: list at least one column");
      return out;
    }
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode c : n.values()) {
      i++;
      for (ColumnSpec spec : column(c, i)) {
        if (!names.add(spec.name()))
          problems.add("column '" + spec.name() + "': the name is used twice");
        out.add(spec);
      }
    }
    return out;
  }

  private List<ColumnSpec> column(JsonNode c, int index) {
    if (!c.isObject()) {
      problems.add("columns[" + index + "] must be an object with source, name and type");
      return List.of();
    }
    String source = MappingReader.text(c, "source");
    String name = MappingReader.text(c, "name");
    boolean split = c.has("split");
    if (name == null && source != null && !split) name = Identifiers.snakeCase(source);
    String label =
        name != null
            ? "column '" + name + "'"
            : split && source != null
                ? "column split from \"" + source + "\""
                : "columns[" + index + "]";
    MappingReader.allowOnly(
        problems,
        c,
        label,
        "source",
        "name",
        "type",
        "nullable",
        "default",
        "format",
        "transform",
        "expr",
        "lookup",
        "split");
    String expr = expression(c, "expr", label + ": expr");
    if (expr != null && source != null)
      problems.add(label + ": give either a source or an expr, not both");
    if (expr != null && c.has("transform"))
      problems.add(
          label + ": an expr column takes no transform steps (write them in the expression)");
    Lookup lookup =
        c.has("lookup") ? new LookupReader(problems).read(label, c.get("lookup")) : null;
    if (c.has("lookup")) {
      for (String other : List.of("source", "expr", "transform", "default", "split"))
        if (c.has(other))
          problems.add(label + ": a lookup column takes no " + other + " (it is looked up)");
    }
    ColumnType type = ColumnType.TEXT;
    if (c.hasNonNull("type")) {
      try {
        type = ColumnType.parse(c.get("type").asString());
      } catch (IllegalArgumentException e) {
        problems.add(label + ": " + e.getMessage());
      }
    }
    boolean nullable = !c.has("nullable") || c.get("nullable").asBoolean(true);
    String def = c.hasNonNull("default") ? c.get("default").asString() : null;
    String format = MappingReader.text(c, "format");
    List<Transform> transforms = new TransformReader(problems).read(label, c.path("transform"));
    if (split)
      return split(c.get("split"), label, source, name, type, nullable, def, format, transforms);
    if (name == null) {
      problems.add(label + ": give a name or a source");
      return List.of();
    }
    identifier(label, name);
    if (source == null && expr == null && lookup == null && def == null && !nullable) {
      problems.add(label + ": has no source and no default, but is not nullable");
    }
    return List.of(
        new ColumnSpec(source, name, type, nullable, def, format, transforms, expr, lookup));
  }

  /**
   * {@code split: {separator, into: [a, b]}}: one column per name in {@code into}, each the source
   * after the column's own steps, then its part.
   */
  private List<ColumnSpec> split(
      JsonNode s,
      String label,
      String source,
      String name,
      ColumnType type,
      boolean nullable,
      String def,
      String format,
      List<Transform> transforms) {
    String where = label + ": split";
    if (source == null) problems.add(where + " needs the source field to split");
    if (name != null) problems.add(where + " names its columns in into, not with name");
    if (!s.isObject()) {
      problems.add(where + " must be an object with separator and into");
      return List.of();
    }
    MappingReader.allowOnly(problems, s, where, "separator", "into");
    String separator = MappingReader.text(s, "separator");
    if (separator == null || separator.isEmpty())
      problems.add(where + ".separator must be a non-empty string (taken literally)");
    JsonNode into = s.path("into");
    if (!into.isArray() || into.size() < 2) {
      problems.add(where + ".into must list at least two column names");
      return List.of();
    }
    if (separator == null || separator.isEmpty() || source == null) return List.of();
    List<ColumnSpec> out = new ArrayList<>();
    int part = 0;
    for (JsonNode n : into.values()) {
      part++;
      String column = n.asString();
      identifier(where + ".into", column);
      List<Transform> steps = new ArrayList<>(transforms);
      steps.add(new Transform.SplitPart(separator, part, into.size()));
      out.add(new ColumnSpec(source, column, type, nullable, def, format, steps));
    }
    return out;
  }

  /** A CEL expression setting: a non-blank string, or null when absent. */
  String expression(JsonNode n, String key, String label) {
    if (!n.has(key) || n.get(key).isNull()) return null;
    if (!n.get(key).isString() || n.get(key).asString().isBlank()) {
      problems.add(label + " must be a CEL expression (a non-empty string)");
      return null;
    }
    return n.get(key).asString();
  }

  private void identifier(String label, String name) {
    String problem = Identifiers.problem(name);
    if (problem != null) problems.add(label + ": " + problem);
  }

  /** Reads {@code lookup: {table, match: {column: field}, return, missing}}. */
  private static final class LookupReader {
    private final List<String> problems;

    LookupReader(List<String> problems) {
      this.problems = problems;
    }

    Lookup read(String label, JsonNode n) {
      String where = label + ": lookup";
      if (!n.isObject()) {
        problems.add(where + " must be an object with table, match, return and missing");
        return null;
      }
      MappingReader.allowOnly(problems, n, where, "table", "match", "return", "missing");
      String text = MappingReader.text(n, "table");
      TableName table = null;
      if (text == null || text.isBlank()) {
        problems.add(where + ".table is missing: name the table to look the value up in");
      } else {
        try {
          table = TableName.parse(text);
          if (table.schema() != null) identifier(where + ".table", table.schema());
          identifier(where + ".table", table.table());
        } catch (IllegalArgumentException e) {
          problems.add(where + ".table: " + e.getMessage());
          table = null;
        }
      }
      Map<String, String> match = new LinkedHashMap<>();
      JsonNode m = n.path("match");
      if (!m.isObject() || m.isEmpty()) {
        problems.add(
            where
                + ".match must map the looked-up table's columns to this file's fields,"
                + " e.g. {email: customer_email}");
      } else {
        for (Map.Entry<String, JsonNode> e : m.properties()) {
          identifier(where + ".match", e.getKey());
          if (!e.getValue().isString() || e.getValue().asString().isEmpty())
            problems.add(where + ".match." + e.getKey() + " must name a source field");
          else match.put(e.getKey(), e.getValue().asString());
        }
      }
      String returns = MappingReader.text(n, "return");
      if (returns == null) problems.add(where + ".return is missing: name the column to fill in");
      else identifier(where + ".return", returns);
      Lookup.Missing missing = Lookup.Missing.REJECT;
      String spelled = MappingReader.text(n, "missing");
      if (spelled != null) {
        switch (spelled.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "reject" -> missing = Lookup.Missing.REJECT;
          case "null" -> missing = Lookup.Missing.NULL;
          case "insert" -> missing = Lookup.Missing.INSERT;
          default ->
              problems.add(
                  where + ".missing must be reject, null or insert, not '" + spelled + "'");
        }
      } else if (n.has("missing")) {
        missing = Lookup.Missing.NULL; // YAML reads a bare `missing: null` as null
      }
      if (table == null || match.isEmpty() || returns == null) return null;
      return new Lookup(table.schema(), table.table(), match, returns, missing);
    }

    private void identifier(String label, String name) {
      String problem = Identifiers.problem(name);
      if (problem != null) problems.add(label + ": " + problem);
    }
  }
}
