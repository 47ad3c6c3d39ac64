package io.datamapper.detect;

import io.datamapper.mapping.ChildSpec;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposes child tables (mapping v2 {@code children}) for JSON and XML records: a field whose
 * sampled values are all JSON arrays of objects (at least one element in the sample) becomes a
 * child table, its columns typed from the sampled elements with the same rules as any field, and
 * such fields inside the elements nest again (up to {@value #MAX_DEPTH} levels). Children need the
 * parent's key: the best candidate key is proposed as {@code keys}; without one the field stays a
 * jsonb column and a note says why. Thread-safe.
 */
final class ChildProposals {
  static final int MAX_DEPTH = 3;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ChildProposals() {}

  /** What detection proposes: the parent's columns without the child fields, children, keys. */
  record Result(List<ColumnSpec> columns, List<ChildSpec> children, List<String> keys) {}

  static Result propose(
      List<String> fields,
      List<List<String>> rows,
      List<ColumnSpec> columns,
      List<ColumnProfile> profiles,
      String table,
      List<Note> notes) {
    Map<String, List<JsonNode>> arrays = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      List<String> values = new ArrayList<>();
      for (List<String> row : rows) values.add(i < row.size() ? row.get(i) : null);
      List<JsonNode> elements = elements(values);
      if (elements != null) arrays.put(fields.get(i), elements);
    }
    if (arrays.isEmpty()) return new Result(columns, List.of(), List.of());
    ColumnProfile key = CandidateKeys.best(profiles);
    if (key == null) {
      notes.add(
          Note.file(
              "fields "
                  + String.join(", ", arrays.keySet())
                  + " hold arrays of objects: they could load into child tables (children), which"
                  + " need a key, and no field is unique in the sample; they stay jsonb columns"));
      return new Result(columns, List.of(), List.of());
    }
    List<ColumnSpec> kept = new ArrayList<>();
    for (ColumnSpec c : columns) if (!arrays.containsKey(c.source())) kept.add(c);
    Set<String> tables = new LinkedHashSet<>();
    tables.add(table);
    List<ChildSpec> children = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : arrays.entrySet()) {
      ChildSpec child = child(e.getKey(), e.getValue(), table, tables, notes, 1);
      if (child != null) children.add(child);
    }
    notes.add(
        Note.file(
            "keys: "
                + key.column()
                + " (the best candidate key), because the child tables need the parent's key"));
    return new Result(kept, children, List.of(key.column()));
  }

  private static ChildSpec child(
      String path,
      List<JsonNode> elements,
      String parentTable,
      Set<String> tables,
      List<Note> notes,
      int depth) {
    List<Map<String, String>> flat = new ArrayList<>();
    Set<String> union = new LinkedHashSet<>();
    for (JsonNode e : elements) {
      Map<String, String> m = new LinkedHashMap<>();
      flatten(e, "", m);
      union.addAll(m.keySet());
      flat.add(m);
    }
    List<String> fields = new ArrayList<>(union);
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> m : flat) {
      List<String> row = new ArrayList<>();
      for (String f : fields) row.add(m.get(f));
      rows.add(row);
    }
    String name = Identifiers.snakeCase(path.substring(path.lastIndexOf('.') + 1));
    String table = parentTable + "_" + name;
    for (int n = 2; !tables.add(table); n++) table = parentTable + "_" + name + "_" + n;
    if (Identifiers.problem(table) != null) return null;
    Columns columns = Columns.ofFields(fields, rows);
    List<ChildSpec> nested = new ArrayList<>();
    List<ColumnSpec> specs = new ArrayList<>();
    Set<String> used = Set.of(ChildSpec.POSITION, Identifiers.IMPORT_ID);
    for (int i = 0; i < columns.profiles().size(); i++) {
      ColumnProfile p = columns.profiles().get(i);
      String field = columns.sources().get(i);
      List<String> sampled = new ArrayList<>();
      for (List<String> row : rows) sampled.add(row.get(i));
      List<JsonNode> inner = depth < MAX_DEPTH ? elements(sampled) : null;
      if (inner != null) {
        ChildSpec c = child(field, inner, table, tables, notes, depth + 1);
        if (c != null) {
          nested.add(c);
          continue;
        }
      }
      String column = used.contains(p.column()) ? "element" + p.column() : p.column();
      specs.add(
          new ColumnSpec(field, column, p.type(), true, null, p.typed().format(), p.transforms()));
    }
    if (specs.isEmpty() && nested.isEmpty()) return null;
    notes.add(
        Note.file(
            "field "
                + path
                + " holds arrays of objects: proposed as child table "
                + table
                + " ("
                + elements.size()
                + " sampled elements; each row gets the parent's key and _position)"));
    return new ChildSpec(path, table, specs, nested);
  }

  /**
   * An element's fields as the loader reads them: nested objects as {@code a.b}, arrays as text.
   */
  private static void flatten(JsonNode node, String prefix, Map<String, String> into) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) flatten(v, name + ".", into);
      else into.put(name, v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString());
    }
  }

  /**
   * The elements of the sampled values when every non-empty one is a JSON array of objects (or
   * arrays of objects: one object per element) and at least one has an element; else null.
   */
  private static List<JsonNode> elements(List<String> values) {
    List<JsonNode> out = new ArrayList<>();
    boolean any = false;
    for (String v : values) {
      if (v == null || v.isBlank()) continue;
      String t = v.strip();
      if (!t.startsWith("[")) return null;
      JsonNode n;
      try {
        n = JSON.readTree(t);
      } catch (JacksonException e) {
        return null;
      }
      if (!n.isArray()) return null;
      for (JsonNode e : n.values()) {
        if (!e.isObject()) return null;
        out.add(e);
        any = true;
      }
    }
    return any ? out : null;
  }
}
