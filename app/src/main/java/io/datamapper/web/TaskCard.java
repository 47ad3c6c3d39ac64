package io.datamapper.web;

import io.datamapper.ledger.Ledger;
import io.datamapper.server.jobs.TaskView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A background import as the Import page shows it: live progress while it runs, then the summary
 * with every count, or the error with its file, line, column and value. Built from the task row, so
 * any node can show a task another node runs.
 */
record TaskCard(
    String id,
    String status,
    boolean finished,
    String file,
    long rows,
    Double percent,
    String percentText,
    String rate,
    String eta,
    Summary summary,
    Problem problem,
    List<String> objects) {

  /**
   * A finished import's counts; {@code headline} reads "Imported N rows into T" (or what a dry run
   * would have done).
   */
  record Summary(
      String headline,
      Long importId,
      String table,
      boolean dryRun,
      long read,
      long inserted,
      long updated,
      long duplicateInFile,
      long duplicateInTable,
      long rejected,
      String duration,
      List<String> notes) {}

  /**
   * Why the import failed: title and detail as the API words them, and the facts of a bad row.
   * {@code table} is the target (from the ledger) that the failed import left unchanged.
   */
  record Problem(
      String title,
      String detail,
      String type,
      String line,
      String record,
      String column,
      String value,
      String reason,
      Long importId,
      Long previousImportId,
      String table,
      List<String> problems,
      boolean cancelled) {}

  static TaskCard of(TaskView t, Ledger ledger) {
    Double percent = t.percent();
    String percentText = percent == null ? null : String.format(Locale.ROOT, "%.1f %%", percent);
    String rate =
        t.rowsPerSecond() == null
            ? null
            : String.format(Locale.ROOT, "%,.0f rows/s", t.rowsPerSecond());
    String eta = t.etaSeconds() == null ? null : duration(t.etaSeconds() * 1000);
    Summary summary = null;
    List<String> objects = List.of();
    if (t.summary() != null && t.summary().has("objects")) {
      objects = objects(t.summary());
    } else if (t.summary() != null) {
      summary = summary(t.summary());
    }
    Problem problem = t.error() == null ? null : problem(t, ledger);
    return new TaskCard(
        t.id(),
        t.status(),
        t.finished(),
        t.file(),
        t.rowsRead(),
        percent,
        percentText,
        rate,
        eta,
        summary,
        problem,
        objects);
  }

  private static Summary summary(JsonNode s) {
    boolean dryRun = "dry-run".equals(s.path("status").asString(""));
    long inserted = s.path("rowsInserted").asLong(0);
    long updated = s.path("rowsUpdated").asLong(0);
    String table = s.path("table").asString("");
    String rows = count(inserted, "row");
    String headline =
        dryRun
            ? "Dry run: would import " + rows + " into " + table + "; nothing was written."
            : "Imported "
                + rows
                + " into "
                + table
                + (updated > 0 ? " and updated " + count(updated, "row") : "")
                + ".";
    List<String> notes = new ArrayList<>();
    s.path("notes").forEach(n -> notes.add(n.asString("")));
    JsonNode id = s.get("importId");
    return new Summary(
        headline,
        id == null || id.isNull() ? null : id.asLong(0),
        table,
        dryRun,
        s.path("rowsRead").asLong(0),
        inserted,
        updated,
        s.path("rowsDuplicateInFile").asLong(0),
        s.path("rowsDuplicateInTable").asLong(0),
        s.path("rowsRejected").asLong(0),
        duration(s.path("durationMillis").asLong(0)),
        notes);
  }

  private static List<String> objects(JsonNode s) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : s.path("objects")) {
      String line = o.path("url").asString("") + ": " + o.path("status").asString("");
      if (o.has("summary"))
        line += " (" + count(o.path("summary").path("rowsInserted").asLong(0), "row") + ")";
      if (o.has("detail")) line += " — " + o.path("detail").asString("");
      if (o.has("error")) line += " — " + o.path("error").path("detail").asString("");
      out.add(line);
    }
    out.add(
        "Imported "
            + s.path("imported").asInt(0)
            + ", skipped "
            + s.path("skipped").asInt(0)
            + ", failed "
            + s.path("failed").asInt(0)
            + " objects; "
            + count(s.path("rowsInserted").asLong(0), "row")
            + " inserted.");
    return out;
  }

  private static Problem problem(TaskView t, Ledger ledger) {
    JsonNode e = t.error();
    // not a ternary: long and Long in one would unbox a null import id
    Long importId = t.importId();
    if (e.hasNonNull("importId")) importId = e.get("importId").asLong(0);
    String table =
        importId == null ? null : ledger.find(importId).map(r -> r.target()).orElse(null);
    List<String> problems = new ArrayList<>();
    e.path("problems").forEach(p -> problems.add(p.asString("")));
    String type = e.path("type").asString("");
    return new Problem(
        e.path("title").asString("The import failed"),
        e.path("detail").asString(""),
        type.substring(type.lastIndexOf('/') + 1),
        text(e, "line"),
        text(e, "record"),
        text(e, "column"),
        text(e, "value"),
        text(e, "reason"),
        importId,
        e.hasNonNull("previousImportId") ? Long.valueOf(e.get("previousImportId").asLong(0)) : null,
        table,
        problems,
        "cancelled".equals(t.status()));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString("");
  }

  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  static String duration(long millis) {
    if (millis < 1000) return millis + " ms";
    long s = Math.round(millis / 1000.0);
    if (s < 60) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    return s / 60 + " min " + s % 60 + " s";
  }
}
