package io.datamapper.web;

import io.datamapper.ledger.Ledger;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.tables.RowPage;
import io.datamapper.tables.RowQuery;
import io.datamapper.tables.TableQueryException;
import io.datamapper.tables.Tables;
import io.datamapper.tables.Tables.TableInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The Tables page: tables with row counts and sizes; one table's schema, rows (paged, sorted,
 * filtered through the engine's {@link RowQuery}: column names checked against the catalog, values
 * bound, nothing the browser sends spliced into SQL) and the imports that filled it.
 */
@Controller
@BrowserPages
class TablesPage {
  static final int PAGE_SIZE = 50;
  static final List<String> OPS =
      List.of("eq", "ne", "lt", "le", "gt", "ge", "like", "ilike", "null", "notnull");
  private final Tables tables;
  private final RowQuery rows;
  private final Ledger ledger;

  TablesPage(ReadConnections reads) {
    // every read in a read-only transaction under datamapper.statement-timeout, as the API's
    this.tables = new Tables(reads.dataSource());
    this.rows = new RowQuery(reads.dataSource());
    this.ledger = new Ledger(reads.dataSource());
  }

  @Requires(Role.READER)
  @GetMapping("/ui/tables")
  String list(Model model) {
    model.addAttribute("page", "tables");
    model.addAttribute(
        "tables",
        tables.list().stream().map(t -> new TableRow(t, Sizes.bytes(t.bytes()))).toList());
    return "ui/tables";
  }

  /**
   * A page of rows; {@code sort} is a column ({@code -col} descending), the filter is column, op
   * and value.
   */
  @Requires(Role.READER)
  @GetMapping("/ui/tables/{name}")
  String table(
      @PathVariable String name,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String col,
      @RequestParam(required = false) String op,
      @RequestParam(required = false) String value,
      Model model) {
    TableInfo t = rows.locate(name);
    String qualified = t.qualifiedName();
    List<String> filters = new ArrayList<>();
    boolean filtered = col != null && !col.isBlank() && op != null && !op.isBlank();
    if (filtered)
      filters.add(
          col
              + ":"
              + op
              + (op.equals("null") || op.equals("notnull")
                  ? ""
                  : ":" + (value == null ? "" : value)));
    RowPage page;
    try {
      page =
          rows.page(
              t,
              sort == null || sort.isBlank() ? List.of() : List.of(sort),
              filters,
              PAGE_SIZE,
              Math.max(0, offset));
    } catch (TableQueryException e) {
      // a filter the table cannot take (a value not of the column's type): said on the page, the
      // form kept as typed
      model.addAttribute("filterError", e.getMessage());
      RowPage columnsOnly = rows.page(t, List.of(), List.of(), 1, 0);
      page = new RowPage(qualified, columnsOnly.columns(), List.of(), 0, true, PAGE_SIZE, 0);
    }
    long total = page.total();
    boolean exact = page.totalExact();
    long from = Math.max(0, offset);
    List<List<String>> shown = page.rows();
    model.addAttribute("page", "tables");
    model.addAttribute("table", qualified);
    model.addAttribute("columns", rows.columns(t));
    model.addAttribute("names", page.columns());
    model.addAttribute("rows", shown);
    model.addAttribute("sort", sort == null ? "" : sort);
    model.addAttribute("col", col == null ? "" : col);
    model.addAttribute("op", op == null ? "eq" : op);
    model.addAttribute("value", value == null ? "" : value);
    model.addAttribute("ops", OPS);
    model.addAttribute(
        "range",
        shown.isEmpty()
            ? "No rows"
            : String.format(
                Locale.ROOT,
                "Rows %,d–%,d of %s%,d",
                from + 1,
                from + shown.size(),
                exact ? "" : "at least ",
                total));
    model.addAttribute(
        "prev",
        from > 0 ? link(qualified, Math.max(0, from - PAGE_SIZE), sort, col, op, value) : null);
    model.addAttribute(
        "next",
        from + shown.size() < total
            ? link(qualified, from + PAGE_SIZE, sort, col, op, value)
            : null);
    model.addAttribute("sortLinks", sortLinks(qualified, page.columns(), sort, col, op, value));
    model.addAttribute(
        "imports",
        ledger.list(ImportsPage.SEARCHED).stream()
            .filter(r -> r.target().equals(qualified))
            .limit(50)
            .map(ImportsPage.Entry::of)
            .toList());
    return "ui/table";
  }

  /**
   * For each column, the link that sorts by it (ascending, or descending when it is already the
   * ascending sort).
   */
  private static List<SortLink> sortLinks(
      String table, List<?> names, String sort, String col, String op, String value) {
    List<SortLink> out = new ArrayList<>();
    for (Object o : names) {
      String n = String.valueOf(o);
      boolean asc = n.equals(sort);
      boolean desc = ("-" + n).equals(sort);
      out.add(
          new SortLink(
              n,
              link(table, 0, asc ? "-" + n : n, col, op, value),
              asc ? "ascending" : desc ? "descending" : "none"));
    }
    return out;
  }

  /** A table in the list, with its size as people read it. */
  record TableRow(TableInfo t, String size) {}

  /** A column header's link and its current sort (for aria-sort). */
  record SortLink(String name, String href, String state) {}

  static String link(String table, long offset, String sort, String col, String op, String value) {
    StringBuilder b =
        new StringBuilder("/ui/tables/")
            .append(UriUtils.encodePathSegment(table, StandardCharsets.UTF_8));
    List<String> query = new ArrayList<>();
    if (offset > 0) query.add("offset=" + offset);
    if (sort != null && !sort.isBlank()) query.add("sort=" + q(sort));
    if (col != null && !col.isBlank()) {
      query.add("col=" + q(col));
      query.add("op=" + q(op == null ? "eq" : op));
      query.add("value=" + q(value == null ? "" : value));
    }
    if (!query.isEmpty()) b.append('?').append(String.join("&", query));
    return b.toString();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
