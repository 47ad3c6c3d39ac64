package io.datamapper.cli;

import io.datamapper.query.QueryFailedException;
import io.datamapper.query.QueryRefusedException;
import io.datamapper.query.QueryResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a console answer (the SQL, the rows with numbers right-aligned, "N rows in T ms") or a
 * refusal, as text or JSON.
 */
final class ResultPrinter {
  private ResultPrinter() {}

  static void text(PrintWriter out, QueryResult r) {
    text(out, r, true);
  }

  /** As {@link #text(PrintWriter, QueryResult)}; the console leaves out SQL the user typed. */
  static void text(PrintWriter out, QueryResult r, boolean showSql) {
    if (showSql) {
      out.println(r.sql());
      if (r.model() != null)
        out.println(
            "-- written by "
                + r.model()
                + (r.attempts() > 1 ? " in " + r.attempts() + " attempts" : ""));
      out.println();
    }
    if (!r.columns().isEmpty()) {
      boolean[] right = new boolean[r.columns().size()];
      for (int i = 0; i < right.length; i++) right[i] = r.numeric(i);
      TextTable.print(out, r.columns(), cells(r), right);
    }
    out.printf(
        "%s in %,d ms%s%n",
        rows(r.rowCount()),
        r.durationMs(),
        r.truncated()
            ? " (more rows exist: only the first "
                + String.format("%,d", r.rowCount())
                + " were read; see --max-rows)"
            : "");
    out.flush();
  }

  static List<List<String>> cells(QueryResult r) {
    List<List<String>> out = new ArrayList<>(r.rows().size());
    for (List<Object> row : r.rows()) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object v : row)
        cells.add(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
      out.add(cells);
    }
    return out;
  }

  private static String rows(int n) {
    return String.format("%,d %s", n, n == 1 ? "row" : "rows");
  }

  /**
   * {@code {question, sql, columns, types, rows, rowCount, truncated, durationMs, model,
   * attempts}}.
   */
  static String json(QueryResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("question", r.question());
    m.put("sql", r.sql());
    m.put("columns", r.columns());
    m.put("types", r.types());
    m.put("rows", r.rows());
    m.put("rowCount", r.rowCount());
    m.put("truncated", r.truncated());
    m.put("durationMs", r.durationMs());
    m.put("model", r.model());
    m.put("attempts", r.attempts());
    return Json.write(m);
  }

  /** A refusal or failure: what refused, why, and the SQL, on stderr; or as JSON on stdout. */
  static void problem(
      PrintWriter out, PrintWriter err, String question, RuntimeException e, boolean json) {
    String sql =
        e instanceof QueryRefusedException r
            ? r.sql()
            : e instanceof QueryFailedException f ? f.sql() : null;
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("question", question);
      m.put("sql", sql);
      m.put("refused", e instanceof QueryRefusedException);
      if (e instanceof QueryRefusedException r) {
        m.put("layer", r.layer().label());
        m.put("reason", r.reason());
      }
      m.put("error", e.getMessage());
      out.println(Json.write(m));
      out.flush();
      return;
    }
    err.println(e.getMessage());
    if (sql != null) err.println("SQL:\n" + sql);
    err.flush();
  }
}
