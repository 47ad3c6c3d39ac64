package io.datamapper.web;

import io.datamapper.detect.Note;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Import page's mapping editor. The page carries the whole mapping as JSON in a hidden field
 * (so source options and transforms the form does not show survive) plus one row of fields per
 * column ({@code cN.name}, {@code cN.type}, {@code cN.format}, {@code cN.nullable}, {@code cN.key},
 * {@code cN.skip}) and the target and policy fields. {@link #apply} writes the edits into the
 * mapping's tree and reads it back with {@link MappingReader}, so every problem is reported with
 * the same words as the CLI and the API.
 */
final class MappingForm {
  /** One editor row: the column as the form shows it, with the detection notes about it. */
  record Row(
      int index,
      String source,
      String name,
      String type,
      String format,
      boolean nullable,
      boolean key,
      boolean skip,
      List<Note> notes) {}

  /**
   * Load modes, duplicate policies and bad-row modes as the form offers them (the mapping's
   * spellings).
   */
  static final List<String> MODES = List.of("append", "truncate-insert", "replace", "upsert");

  static final List<String> DUPLICATE_FILE = List.of("reject", "allow", "new-version");
  static final List<String> DUPLICATE_ROW = List.of("keep", "skip", "update", "error");
  static final List<String> BAD_ROWS = List.of("abort", "skip");
  static final List<String> TYPES =
      List.of(
          "text",
          "integer",
          "bigint",
          "numeric",
          "numeric(12,2)",
          "double",
          "boolean",
          "date",
          "time",
          "timestamp",
          "timestamptz",
          "uuid",
          "jsonb",
          "text[]",
          "integer[]",
          "bigint[]");

  private MappingForm() {}

  /** The mapping the page carries (every column, skipped ones too). */
  static Mapping base(String json) {
    if (json == null || json.isBlank())
      throw new MappingException(List.of("the page carries no mapping: choose a file again"));
    return MappingReader.parse(json, "the page's mapping");
  }

  static String json(Mapping m) {
    return MappingWriter.toJson(m);
  }

  /** Rows for the editor from a mapping as detected or pasted: nothing skipped. */
  static List<Row> rows(Mapping m, List<Note> notes) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < m.columns().size(); i++) {
      ColumnSpec c = m.columns().get(i);
      List<Note> about = notes.stream().filter(n -> c.name().equals(n.column())).toList();
      rows.add(
          new Row(
              i,
              c.source(),
              c.name(),
              c.type().spelling(),
              c.format(),
              c.nullable(),
              m.keys().contains(c.name()),
              false,
              about));
    }
    return rows;
  }

  /**
   * {@code base} with the form's edits: names, types, formats, nullability, skipped columns left
   * out, keys, target table, mode and policies.
   *
   * @throws MappingException listing every problem of the edited mapping
   */
  static Mapping apply(Mapping base, MultiValueMap<String, String> form) {
    ObjectNode tree = MappingWriter.toTree(base);
    ArrayNode columns = (ArrayNode) tree.get("columns");
    ArrayNode kept = tree.arrayNode();
    ArrayNode keys = tree.arrayNode();
    for (int i = 0; i < columns.size(); i++) {
      ObjectNode col = (ObjectNode) columns.get(i);
      String p = "c" + i + ".";
      if (checked(form, p + "skip")) continue;
      String name = text(form, p + "name");
      if (name != null) col.put("name", name);
      String type = text(form, p + "type");
      if (type != null) col.put("type", type);
      if (form.containsKey(p + "format")) {
        String format = text(form, p + "format");
        if (format == null) col.remove("format");
        else col.put("format", format);
      }
      if (form.containsKey(p + "name")) col.put("nullable", checked(form, p + "nullable"));
      if (checked(form, p + "key")) keys.add(col.path("name").asString());
      kept.add(col);
    }
    if (kept.isEmpty())
      throw new MappingException(List.of("every column is skipped: keep at least one"));
    tree.set("columns", kept);
    if (form.containsKey("c0.name")) {
      if (keys.isEmpty()) tree.remove("keys");
      else tree.set("keys", keys);
    }
    ObjectNode target = (ObjectNode) tree.get("target");
    choice(form, "mode", MODES).ifPresent(v -> target.put("mode", v));
    ObjectNode policies = (ObjectNode) tree.get("policies");
    choice(form, "duplicateFile", DUPLICATE_FILE).ifPresent(v -> policies.put("duplicateFile", v));
    choice(form, "duplicateRow", DUPLICATE_ROW)
        .ifPresent(
            v -> {
              JsonNode old = policies.get("duplicateRow");
              if (old instanceof ObjectNode o) o.put("mode", v);
              else policies.put("duplicateRow", v);
            });
    choice(form, "badRows", BAD_ROWS)
        .ifPresent(v -> ((ObjectNode) policies.get("badRows")).put("mode", v));
    Mapping edited = MappingReader.fromTree(tree);
    String table = text(form, "table");
    if (table != null) {
      try {
        edited = edited.withTable(table);
      } catch (IllegalArgumentException e) {
        throw new MappingException(List.of("table: " + e.getMessage()));
      }
    }
    return edited;
  }

  /** The policy spellings the form's selects show for {@code m}. */
  static String duplicateRow(Mapping m) {
    return Policies.spell(m.policies().duplicateRow());
  }

  private static Optional<String> choice(
      MultiValueMap<String, String> form, String field, List<String> allowed) {
    String v = text(form, field);
    if (v == null) return Optional.empty();
    if (!allowed.contains(v))
      throw new MappingException(
          List.of(field + " must be one of " + allowed + ", not '" + v + "'"));
    return Optional.of(v);
  }

  private static boolean checked(MultiValueMap<String, String> form, String field) {
    String v = form.getFirst(field);
    return v != null && (v.equals("on") || v.equals("true"));
  }

  static String text(MultiValueMap<String, String> form, String field) {
    String v = form.getFirst(field);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
