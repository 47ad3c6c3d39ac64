package io.datamapper.cli;

import io.datamapper.query.TableSchema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The console's {@code \d} and {@code \d TABLE}. */
final class TableDescriptions {
  private TableDescriptions() {}

  static void list(PrintWriter out, List<TableSchema> tables) {
    if (tables.isEmpty()) {
      out.println("No tables yet. Try: datamapper import FILE");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (TableSchema t : tables) {
      rows.add(
          List.of(
              t.qualifiedName(),
              t.kind(),
              t.rows() < 0 ? "?" : String.format("~%,d", t.rows()),
              String.valueOf(t.columns().size()),
              t.files().isEmpty() ? "" : t.files().get(0) + (t.files().size() > 1 ? " …" : "")));
    }
    TextTable.print(
        out,
        List.of("table", "kind", "rows", "columns", "imported from"),
        rows,
        new boolean[] {false, false, true, true, false});
  }

  static void describe(PrintWriter out, TableSchema t) {
    out.println(
        t.kind()
            + " "
            + t.qualifiedName()
            + (t.rows() < 0 ? "" : String.format(" (~%,d rows)", t.rows())));
    List<List<String>> rows = new ArrayList<>();
    for (TableSchema.Column c : t.columns())
      rows.add(List.of(c.name(), c.type(), c.notNull() ? "not null" : ""));
    TextTable.print(out, List.of("column", "type", "null"), rows);
    t.keys().forEach(k -> out.println("key: " + k));
    t.foreignKeys().forEach(k -> out.println("foreign key: " + k));
    t.files().forEach(f -> out.println("imported from: " + f));
  }
}
