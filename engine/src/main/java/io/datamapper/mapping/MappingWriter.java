package io.datamapper.mapping;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a mapping as YAML or JSON in the shape {@link MappingReader} reads, leaving out settings
 * equal to their defaults. Thread-safe.
 */
public final class MappingWriter {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MappingWriter() {}

  public static String toYaml(Mapping m) {
    return YAML.writeValueAsString(toTree(m));
  }

  public static String toJson(Mapping m) {
    return JSON.writeValueAsString(toTree(m));
  }

  public static ObjectNode toTree(Mapping m) {
    ObjectNode root = F.objectNode();
    root.set("source", source(m.source()));
    ObjectNode target = root.putObject("target");
    target.put("schema", m.target().schema());
    target.put("table", m.target().table());
    target.put("create", m.target().create());
    target.put("mode", m.target().mode().spelling());
    ArrayNode columns = root.putArray("columns");
    for (ColumnSpec c : m.columns()) columns.add(column(c));
    if (!m.keys().isEmpty()) {
      ArrayNode keys = root.putArray("keys");
      m.keys().forEach(keys::add);
    }
    root.set("policies", policies(m.policies()));
    if (m.filter() != null) root.put("filter", m.filter());
    if (!m.children().isEmpty()) root.set("children", children(m.children()));
    return root;
  }

  private static JsonNode source(SourceSpec s) {
    ObjectNode n = F.objectNode();
    if (s.format() != null) n.put("format", s.format().spelling());
    if (s.encoding() != null) n.put("encoding", s.encoding());
    if (s.csv() != null) {
      CsvOptions c = s.csv();
      ObjectNode csv = n.putObject("csv");
      csv.put("delimiter", c.delimiter() == '\t' ? "\t" : String.valueOf(c.delimiter()));
      if (c.quoting()) {
        csv.put("quote", String.valueOf(c.quote()));
      } else {
        csv.putNull("quote");
      }
      if (c.escape() == c.quote() && !c.quoting()) {
        csv.putNull("escape");
      } else {
        csv.put("escape", String.valueOf(c.escape()));
      }
      csv.put("lineSeparator", CsvOptions.lineSeparatorName(c.lineSeparator()));
      csv.put("header", c.header());
      ArrayNode tokens = csv.putArray("nullTokens");
      c.nullTokens().forEach(tokens::add);
      if (c.skipRows() > 0) csv.put("skipRows", c.skipRows());
      if (c.commentPrefix() != null) csv.put("comment", String.valueOf(c.commentPrefix()));
      if (c.raggedRows() != null) csv.put("raggedRows", c.raggedRows().spelling());
      if (c.extraFields() != null) csv.put("extraFields", c.extraFields().spelling());
    }
    if (s.excel() != null) {
      ObjectNode e = n.putObject("excel");
      if (s.excel().sheet() != null) e.put("sheet", s.excel().sheet());
      if (s.excel().headerRow() != null) e.put("headerRow", s.excel().headerRow());
      if (s.excel().skipRows() != null) e.put("skipRows", s.excel().skipRows());
      if (s.excel().lastRow() != null) e.put("lastRow", s.excel().lastRow());
    }
    if (s.json() != null && s.json().recordsPath() != null)
      n.putObject("json").put("recordsPath", s.json().recordsPath());
    if (s.xml() != null) {
      ObjectNode x = n.putObject("xml");
      if (s.xml().recordPath() != null) x.put("recordPath", s.xml().recordPath());
      if (s.xml().namespaces() != null) x.put("namespaces", s.xml().namespaces());
    }
    return n;
  }

  private static ArrayNode children(java.util.List<ChildSpec> children) {
    ArrayNode out = F.arrayNode();
    for (ChildSpec child : children) {
      ObjectNode n = out.addObject();
      n.put("path", child.path());
      n.put("table", child.table());
      ArrayNode columns = n.putArray("columns");
      for (ColumnSpec c : child.columns()) columns.add(column(c));
      if (!child.children().isEmpty()) n.set("children", children(child.children()));
    }
    return out;
  }

  private static JsonNode column(ColumnSpec c) {
    ObjectNode n = F.objectNode();
    if (c.source() != null) n.put("source", c.source());
    n.put("name", c.name());
    n.put("type", c.type().spelling());
    if (!c.nullable()) n.put("nullable", false);
    if (c.defaultValue() != null) n.put("default", c.defaultValue());
    if (c.format() != null) n.put("format", c.format());
    if (c.expr() != null) n.put("expr", c.expr());
    if (c.lookup() != null) {
      ObjectNode l = n.putObject("lookup");
      Lookup k = c.lookup();
      l.put("table", k.schema() == null ? k.table() : k.schema() + "." + k.table());
      ObjectNode match = l.putObject("match");
      for (Map.Entry<String, String> e : k.match().entrySet()) match.put(e.getKey(), e.getValue());
      l.put("return", k.returns());
      l.put("missing", k.missing().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!c.transforms().isEmpty()) {
      ArrayNode steps = n.putArray("transform");
      for (Transform t : c.transforms()) steps.add(transform(t));
    }
    return n;
  }

  private static JsonNode transform(Transform t) {
    return switch (t) {
      case Transform.Trim x -> F.stringNode(x.name());
      case Transform.Lower x -> F.stringNode(x.name());
      case Transform.Upper x -> F.stringNode(x.name());
      case Transform.Replace r -> {
        ObjectNode n = F.objectNode();
        n.putObject("replace").put("pattern", r.pattern()).put("with", r.with());
        yield n;
      }
      case Transform.Hash h -> {
        ObjectNode n = F.objectNode();
        n.putObject("hash").put("saltEnv", h.saltEnv());
        yield n;
      }
      case Transform.Mask m -> {
        ObjectNode n = F.objectNode();
        n.putObject("mask").put("keep", m.keep());
        yield n;
      }
      case Transform.SplitPart sp -> {
        ObjectNode n = F.objectNode();
        n.putObject("splitPart")
            .put("separator", sp.separator())
            .put("part", sp.part())
            .put("of", sp.of());
        yield n;
      }
      case Transform.DefaultIfEmpty d -> F.objectNode().put("defaultIfEmpty", d.value());
      case Transform.ValueMap v -> {
        ObjectNode n = F.objectNode();
        ObjectNode values = F.objectNode();
        for (Map.Entry<String, String> e : v.values().entrySet())
          values.put(e.getKey(), e.getValue());
        if (v.otherwise() == null) {
          n.set("map", values);
        } else {
          ObjectNode map = n.putObject("map");
          map.set("values", values);
          map.put("otherwise", v.otherwise());
        }
        yield n;
      }
    };
  }

  private static JsonNode policies(Policies p) {
    ObjectNode n = F.objectNode();
    n.put("duplicateFile", Policies.spell(p.duplicateFile()));
    if (p.keep() == Policies.Keep.FIRST) {
      n.put("duplicateRow", Policies.spell(p.duplicateRow()));
    } else {
      ObjectNode dup = n.putObject("duplicateRow");
      dup.put("mode", Policies.spell(p.duplicateRow()));
      dup.put("keep", Policies.spell(p.keep()));
    }
    ObjectNode bad = n.putObject("badRows");
    bad.put("mode", Policies.spell(p.badRows()));
    if (p.badRowsMax() != null) bad.put("max", p.badRowsMax());
    if (p.badRowsMaxRatio() != null) bad.put("maxRatio", p.badRowsMaxRatio());
    return n;
  }
}
