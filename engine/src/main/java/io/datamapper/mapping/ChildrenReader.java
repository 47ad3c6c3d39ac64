package io.datamapper.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code children} of a mapping (or of a child) and checks what a child table needs: keys
 * on the root mapping and column names that do not collide with the inherited key columns or {@code
 * _position}. Problems are prefixed with the child's path, so {@code column 'qty'} of two levels
 * stays apart. Not thread-safe (one per mapping read).
 */
final class ChildrenReader {
  private final List<String> problems;

  ChildrenReader(List<String> problems) {
    this.problems = problems;
  }

  /** The children under {@code n} (missing or null: none). */
  List<ChildSpec> read(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) return List.of();
    if (!n.isArray()) {
      problems.add(where + " must be a list of { path, table, columns }");
      return List.of();
    }
    List<ChildSpec> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : n.values()) {
      i++;
      String label = where + "[" + i + "]";
      if (!c.isObject()) {
        problems.add(label + " must be an object with path, table and columns");
        continue;
      }
      String path = MappingReader.text(c, "path");
      if (path != null) label = where + " '" + path + "'";
      MappingReader.allowOnly(problems, c, label, "path", "table", "columns", "children");
      String table = MappingReader.text(c, "table");
      if (path == null || path.isBlank()) problems.add(label + ": path is missing");
      if (table == null || table.isBlank()) {
        problems.add(label + ": table is missing");
      } else {
        String problem = Identifiers.problem(table);
        if (problem != null)
          problems.add(label + ".table: " + problem + " (a table in the parent's schema)");
      }
      List<String> columnProblems = new ArrayList<>();
      List<ColumnSpec> columns = new ColumnReader(columnProblems).columns(c.path("columns"));
      for (String p : columnProblems) problems.add(label + ": " + p);
      List<ChildSpec> nested = read(c.path("children"), label + ".children");
      if (path != null && !path.isBlank() && table != null && !table.isBlank())
        out.add(new ChildSpec(path, table, columns, nested));
    }
    return out;
  }

  /**
   * What the mapping's children need from the rest of it (none: empty): keys to give the child rows
   * and names that do not collide. Every load mode and duplicate-row rule works with children
   * (docs/mapping.md, children).
   */
  static List<String> problems(Mapping m) {
    List<String> problems = new ArrayList<>();
    if (m.children().isEmpty()) return problems;
    if (m.keys().isEmpty()) {
      problems.add(
          "children need keys: list the parent's key columns under 'keys' (each child row gets"
              + " them, with _position, to point at its parent row)");
    }
    Set<String> tables = new HashSet<>();
    tables.add(m.target().table());
    List<String> inherited = new ArrayList<>(m.keys());
    check(m.children(), inherited, tables, "children", problems);
    return problems;
  }

  private static void check(
      List<ChildSpec> children,
      List<String> inherited,
      Set<String> tables,
      String where,
      List<String> problems) {
    for (ChildSpec child : children) {
      String label = where + " '" + child.path() + "'";
      if (!tables.add(child.table()))
        problems.add(label + ": table '" + child.table() + "' is loaded twice by this mapping");
      for (ColumnSpec col : child.columns()) {
        if (inherited.contains(col.name())
            || col.name().equals(ChildSpec.POSITION)
            || col.name().equals(Identifiers.IMPORT_ID)) {
          problems.add(
              label
                  + ": column '"
                  + col.name()
                  + "' is a column the child table gets from its parent; rename it");
        }
      }
      List<String> next = new ArrayList<>(inherited);
      next.add(child.positionColumn());
      check(child.children(), next, tables, label + ".children", problems);
    }
  }
}
