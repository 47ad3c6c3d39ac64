package io.datamapper.mapping;

import io.datamapper.expr.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a mapping from YAML or JSON and checks it on its own (types, transforms, names, keys,
 * unknown settings), collecting every problem before failing. Checks against a file header and a
 * target table happen later, in the load plan. Thread-safe.
 */
public final class MappingReader {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private final List<String> problems = new ArrayList<>();

  private MappingReader() {}

  /** Reads a mapping file ({@code .json} as JSON, anything else as YAML). */
  public static Mapping read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new MappingException(
          List.of("cannot read mapping file " + file + ": " + e.getMessage()));
    }
    return parse(text, file.getFileName().toString());
  }

  /** Reads mapping text; JSON when it starts with '{', YAML otherwise. */
  public static Mapping parse(String text, String origin) {
    JsonNode root;
    try {
      String t = text.strip();
      root = t.startsWith("{") ? JSON.readTree(t) : YAML.readTree(t);
    } catch (JacksonException e) {
      throw new MappingException(
          List.of(
              origin
                  + " is not valid YAML/JSON: "
                  + e.getOriginalMessage()
                  + (e.getLocation() == null
                      ? ""
                      : " (line "
                          + e.getLocation().getLineNr()
                          + ", column "
                          + e.getLocation().getColumnNr()
                          + ")")));
    }
    if (root == null || !root.isObject()) {
      throw new MappingException(
          List.of(origin + " must be a YAML/JSON object with source, target and columns"));
    }
    return new MappingReader().mapping(root);
  }

  /** Reads a mapping from an already parsed tree (e.g. a REST request body). */
  public static Mapping fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new MappingException(
          List.of("the mapping must be an object with source, target and columns"));
    }
    return new MappingReader().mapping(root);
  }

  private Mapping mapping(JsonNode root) {
    allowOnly(
        root,
        "mapping",
        "version",
        "source",
        "target",
        "columns",
        "keys",
        "policies",
        "filter",
        "children");
    SourceSpec source = source(root.path("source"));
    TargetSpec target = target(root.path("target"));
    ColumnReader columnReader = new ColumnReader(problems);
    List<ColumnSpec> columns = columnReader.columns(root.path("columns"));
    List<String> keys = keys(root.path("keys"), columns);
    Policies policies = policies(root.path("policies"));
    String filter = columnReader.expression(root, "filter", "filter");
    List<ChildSpec> children = new ChildrenReader(problems).read(root.path("children"), "children");
    if (problems.isEmpty()) {
      // checked with the mapping's own types; the load plan checks again with the table's
      try {
        Programs.compile(columns, columns.stream().map(ColumnSpec::type).toList(), filter);
      } catch (MappingException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new MappingException(problems);
    Mapping mapping = new Mapping(source, target, columns, keys, policies, filter, children);
    List<String> keyProblems = mapping.keyProblems();
    if (!keyProblems.isEmpty()) throw new MappingException(keyProblems);
    return mapping;
  }

  private SourceSpec source(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return new SourceSpec(null, null, null, null, null, null);
    if (!n.isObject()) {
      problems.add("source must be an object");
      return new SourceSpec(null, null, null, null, null, null);
    }
    allowOnly(n, "source", "format", "encoding", "csv", "excel", "json", "xml");
    Format format = null;
    if (n.hasNonNull("format")) {
      format = Format.fromSpelling(n.get("format").asString());
      if (format == null)
        problems.add(
            "source.format '"
                + n.get("format").asString()
                + "' is unknown; use csv, excel, json or xml");
    }
    String encoding = text(n, "encoding");
    if (encoding != null) {
      try {
        java.nio.charset.Charset.forName(encoding);
      } catch (RuntimeException e) {
        problems.add("source.encoding '" + encoding + "' is not a known character set");
      }
    }
    CsvOptions csv = n.hasNonNull("csv") ? csv(n.get("csv")) : null;
    ExcelOptions excel = null;
    if (n.hasNonNull("excel")) {
      JsonNode e = n.get("excel");
      allowOnly(e, "source.excel", "sheet", "headerRow", "skipRows", "lastRow");
      excel =
          new ExcelOptions(
              text(e, "sheet"),
              intOrNull(e, "source.excel", "headerRow"),
              intOrNull(e, "source.excel", "skipRows"),
              intOrNull(e, "source.excel", "lastRow"));
    }
    JsonOptions json = null;
    if (n.hasNonNull("json")) {
      allowOnly(n.get("json"), "source.json", "recordsPath");
      json = new JsonOptions(text(n.get("json"), "recordsPath"));
    }
    XmlOptions xml = null;
    if (n.hasNonNull("xml")) {
      allowOnly(n.get("xml"), "source.xml", "recordPath", "namespaces");
      String ns = text(n.get("xml"), "namespaces");
      if (ns != null && !ns.equalsIgnoreCase("local") && !ns.equalsIgnoreCase("prefix")) {
        problems.add("source.xml.namespaces must be local or prefix, not '" + ns + "'");
      }
      xml = new XmlOptions(text(n.get("xml"), "recordPath"), ns);
    }
    return new SourceSpec(format, encoding, csv, excel, json, xml);
  }

  private CsvOptions csv(JsonNode n) {
    allowOnly(
        n,
        "source.csv",
        "delimiter",
        "quote",
        "escape",
        "lineSeparator",
        "header",
        "nullTokens",
        "skipRows",
        "comment",
        "raggedRows",
        "extraFields");
    CsvOptions d = CsvOptions.defaults();
    char delimiter = oneChar(n, "delimiter", d.delimiter());
    // quote: null (or "") means no quoting; escape: absent or null means quote doubling (none
    // without quotes)
    char quote =
        n.has("quote") && (n.get("quote").isNull() || n.get("quote").asString().isEmpty())
            ? CsvOptions.NO_QUOTE
            : oneChar(n, "quote", d.quote());
    char escape =
        n.has("escape") && (n.get("escape").isNull() || n.get("escape").asString().isEmpty())
            ? quote
            : oneChar(n, "escape", quote);
    if (escape != quote && escape != CsvOptions.BACKSLASH) {
      problems.add(
          "source.csv.escape must be the quote (RFC 4180 doubling: \"\") or \"\\\\\" (backslash escapes), not '"
              + escape
              + "'");
    }
    if (delimiter == quote) problems.add("source.csv: delimiter and quote must differ");
    if (delimiter == CsvOptions.BACKSLASH && escape == CsvOptions.BACKSLASH) {
      problems.add("source.csv: delimiter and escape must differ");
    }
    boolean header = !n.has("header") || n.get("header").asBoolean(true);
    List<String> nullTokens = null;
    if (n.has("nullTokens")) {
      JsonNode t = n.get("nullTokens");
      if (!t.isArray()) {
        problems.add("source.csv.nullTokens must be a list of strings");
      } else {
        nullTokens = new ArrayList<>();
        for (JsonNode v : t.values()) nullTokens.add(v.isNull() ? "" : v.asString());
      }
    }
    Integer skip = intOrNull(n, "source.csv", "skipRows");
    String comment = text(n, "comment");
    String lineSeparator = null;
    if (n.hasNonNull("lineSeparator")) {
      lineSeparator = CsvOptions.lineSeparatorOf(n.get("lineSeparator").asString());
      if (lineSeparator == null) problems.add("source.csv.lineSeparator must be LF, CRLF or CR");
    }
    CsvOptions.RaggedRows ragged = RaggedOptions.ragged(text(n, "raggedRows"), problems);
    CsvOptions.ExtraFields extra = RaggedOptions.extra(text(n, "extraFields"), problems);
    return new CsvOptions(
        delimiter,
        quote,
        escape,
        lineSeparator,
        header,
        nullTokens,
        skip == null ? 0 : skip,
        comment == null || comment.isEmpty() ? null : comment.charAt(0),
        ragged,
        extra);
  }

  private char oneChar(JsonNode n, String key, char fallback) {
    if (!n.hasNonNull(key)) return fallback;
    String s = n.get(key).asString();
    if ("\\t".equals(s) || "tab".equalsIgnoreCase(s)) return '\t';
    if (s.length() != 1) {
      problems.add("source.csv." + key + " must be one character, not '" + s + "'");
      return fallback;
    }
    return s.charAt(0);
  }

  private TargetSpec target(JsonNode n) {
    if (n.isMissingNode() || n.isNull() || !n.isObject()) {
      problems.add("target is missing: give at least target.table");
      return new TargetSpec(null, "?", true, null);
    }
    allowOnly(n, "target", "schema", "table", "create", "mode");
    String table = text(n, "table");
    if (table == null || table.isBlank()) {
      problems.add("target.table is missing");
      table = "?";
    } else {
      identifier("target.table", table);
    }
    String schema = text(n, "schema");
    if (schema != null) identifier("target.schema", schema);
    LoadMode mode = null;
    if (n.hasNonNull("mode")) {
      mode = LoadMode.fromSpelling(n.get("mode").asString());
      if (mode == null)
        problems.add(
            "target.mode '"
                + n.get("mode").asString()
                + "' is unknown; use append, truncate-insert, replace or upsert");
    }
    boolean create = !n.has("create") || n.get("create").asBoolean(true);
    return new TargetSpec(schema, table, create, mode);
  }

  private List<String> keys(JsonNode n, List<ColumnSpec> columns) {
    if (n.isMissingNode() || n.isNull()) return List.of();
    List<String> keys = new ArrayList<>();
    List<JsonNode> items = n.isArray() ? List.copyOf(n.values()) : List.of(n);
    for (JsonNode k : items) {
      String key = k.asString();
      if (columns.stream().noneMatch(c -> c.name().equals(key))) {
        problems.add("keys: '" + key + "' is not one of the mapping's columns");
      }
      if (columns.stream().anyMatch(c -> c.name().equals(key) && c.lookedUp())) {
        problems.add("keys: '" + key + "' is a lookup column, which cannot be part of the key");
      }
      keys.add(key);
    }
    return keys;
  }

  private Policies policies(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return Policies.defaults();
    allowOnly(n, "policies", "duplicateFile", "duplicateRow", "badRows");
    Policies.DuplicateFile df = enumValue(n, "duplicateFile", Policies.DuplicateFile.class);
    Policies.DuplicateRow dr = null;
    Policies.Keep keep = null;
    JsonNode d = n.path("duplicateRow");
    if (d.isObject()) {
      allowOnly(d, "policies.duplicateRow", "mode", "keep");
      dr = enumValue(d, "mode", Policies.DuplicateRow.class);
      keep = enumValue(d, "keep", Policies.Keep.class);
    } else {
      dr = enumValue(n, "duplicateRow", Policies.DuplicateRow.class);
    }
    Policies.BadRows br = null;
    Long max = null;
    Double ratio = null;
    JsonNode b = n.path("badRows");
    if (b.isString()) {
      br = enumValue(n, "badRows", Policies.BadRows.class);
    } else if (b.isObject()) {
      allowOnly(b, "policies.badRows", "mode", "max", "maxRatio");
      br = enumValue(b, "mode", Policies.BadRows.class);
      if (b.hasNonNull("max")) max = b.get("max").asLong();
      if (b.hasNonNull("maxRatio")) ratio = b.get("maxRatio").asDouble();
      if (ratio != null && (ratio < 0 || ratio > 1))
        problems.add("policies.badRows.maxRatio must be between 0 and 1");
    }
    return new Policies(df, dr, keep, br, max, ratio);
  }

  private <E extends Enum<E>> E enumValue(JsonNode n, String key, Class<E> type) {
    if (!n.hasNonNull(key)) return null;
    E e = Policies.parse(type, n.get(key).asString());
    if (e == null) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) allowed.add(Policies.spell(c));
      problems.add(
          "'"
              + key
              + "' value '"
              + n.get(key).asString()
              + "' is unknown; use "
              + String.join(", ", allowed));
    }
    return e;
  }

  private void identifier(String label, String name) {
    String problem = Identifiers.problem(name);
    if (problem != null) problems.add(label + ": " + problem);
  }

  private Integer intOrNull(JsonNode n, String where, String key) {
    if (!n.hasNonNull(key)) return null;
    JsonNode v = n.get(key);
    if (!v.canConvertToInt() || v.asInt() < 0) {
      problems.add(where + "." + key + " must be a whole number >= 0");
      return null;
    }
    return v.asInt();
  }

  static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asString() : null;
  }

  private void allowOnly(JsonNode n, String where, String... keys) {
    allowOnly(problems, n, where, keys);
  }

  /**
   * Adds a problem for every setting of {@code n} not among {@code keys} (typos never pass
   * silently).
   */
  static void allowOnly(List<String> problems, JsonNode n, String where, String... keys) {
    if (!n.isObject()) return;
    Set<String> allowed = Set.of(keys);
    for (String k : n.propertyNames()) {
      if (!allowed.contains(k)) {
        problems.add(
            where + ": unknown setting '" + k + "' (allowed: " + String.join(", ", keys) + ")");
      }
    }
  }
}
