package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.tables.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datamapper tables [NAME]}: lists tables, or shows the rows of one. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = {"Lists the tables in the database, or with NAME shows its rows."})
public final class TablesCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "table or schema.table to show")
  String name;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Rows to show (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--offset", defaultValue = "0", description = "Rows to skip")
  long offset;

  @Option(names = "--json", description = "Print JSON")
  boolean json;

  @Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database database = db.open()) {
      Tables tables = new Tables(database.dataSource());
      PrintWriter out = spec.commandLine().getOut();
      if (name == null) {
        list(out, tables.list());
      } else {
        Tables.TableInfo table =
            tables
                .find(name)
                .orElseThrow(
                    () ->
                        new DataMapperException(
                            "There is no table '" + name + "' (see: datamapper tables)"));
        show(out, table, tables.rows(table, limit, offset));
      }
      out.flush();
      return 0;
    }
  }

  private void list(PrintWriter out, List<Tables.TableInfo> list) {
    if (json) {
      out.println(Json.write(list));
      return;
    }
    if (list.isEmpty()) {
      out.println("No tables yet. Try: datamapper import FILE");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Tables.TableInfo t : list) {
      String count =
          t.rows() < 0
              ? "? (not analyzed yet)"
              : (t.rowsExact() ? "" : "~") + String.format("%,d", t.rows());
      rows.add(
          List.of(
              t.qualifiedName(),
              count,
              String.valueOf(t.columns()),
              size(t.bytes()),
              t.hasLineage() ? "yes" : "no"));
    }
    TextTable.print(out, List.of("table", "rows", "columns", "size", "lineage"), rows);
  }

  private static String size(long bytes) {
    if (bytes >= 1L << 30) return String.format("%.1f GB", bytes / (double) (1L << 30));
    if (bytes >= 1L << 20) return String.format("%.1f MB", bytes / (double) (1L << 20));
    return String.format("%d kB", (bytes + 1023) / 1024);
  }

  private void show(PrintWriter out, Tables.TableInfo table, Tables.Page page) {
    if (json) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> r : page.rows()) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < page.columns().size(); i++) m.put(page.columns().get(i), r.get(i));
        rows.add(m);
      }
      out.println(Json.write(Map.of("table", table.qualifiedName(), "rows", rows)));
      return;
    }
    TextTable.print(out, page.columns(), page.rows());
    String total =
        table.rows() < 0
            ? "?"
            : (table.rowsExact() ? "" : "~") + String.format("%,d", table.rows());
    out.printf("(%d of %s rows in %s)%n", page.rows().size(), total, table.qualifiedName());
  }
}
