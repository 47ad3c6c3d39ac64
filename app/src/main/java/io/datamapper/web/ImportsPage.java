package io.datamapper.web;

import io.datamapper.DataMapperException;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.rejects.RejectExporter;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.undo.UndoResult;
import io.datamapper.undo.Undoer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Imports page: the ledger (filterable), one import with its rejects (also as CSV), and undo.
 */
@Controller
@BrowserPages
class ImportsPage {
  /** The filter searches this many of the newest imports. */
  static final int SEARCHED = 1000;

  static final int SHOWN = 200;
  static final int REJECTS_SHOWN = 200;
  static final int REJECTS_CSV = 100_000;
  private final Ledger ledger;
  private final Undoer undoer;
  private final RejectExporter exporter;

  ImportsPage(ReadConnections reads, DataSource dataSource) {
    this.ledger = new Ledger(reads.dataSource());
    this.undoer = new Undoer(dataSource);
    this.exporter = new RejectExporter(dataSource);
  }

  @Requires(Role.READER)
  @GetMapping("/ui/imports")
  String list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String table,
      Model model) {
    String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    List<ImportRecord> all = ledger.list(SEARCHED);
    List<ImportRecord> matching =
        all.stream()
            .filter(
                r ->
                    text.isEmpty()
                        || contains(r.fileName(), text)
                        || contains(r.target(), text)
                        || contains(r.sourceUri(), text))
            .filter(r -> status == null || status.isBlank() || statusOf(r).equals(status))
            .filter(
                r ->
                    table == null
                        || table.isBlank()
                        || r.target().equals(table)
                        || r.targetTable().equals(table))
            .toList();
    model.addAttribute("page", "imports");
    model.addAttribute("imports", matching.stream().limit(SHOWN).map(Entry::of).toList());
    model.addAttribute("matching", matching.size());
    model.addAttribute("searched", all.size());
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("status", status == null ? "" : status);
    model.addAttribute("table", table == null ? "" : table);
    model.addAttribute("statuses", List.of("succeeded", "failed", "running", "undone", "dry-run"));
    return "ui/imports";
  }

  @Requires(Role.READER)
  @GetMapping("/ui/imports/{id}")
  String detail(@PathVariable long id, Model model) {
    ImportRecord r = find(id);
    model.addAttribute("page", "imports");
    model.addAttribute("imp", r);
    model.addAttribute("state", statusOf(r));
    model.addAttribute("rejects", ledger.rejects(id, REJECTS_SHOWN));
    model.addAttribute("rejectsShown", REJECTS_SHOWN);
    model.addAttribute(
        "undoable", "succeeded".equals(r.status()) && r.undoneAt() == null && !r.dryRun());
    return "ui/import-detail";
  }

  /**
   * The rejects with where and why, as CSV (cells that a spreadsheet would run as formulas are
   * quoted out).
   */
  @Requires(Role.READER)
  @GetMapping("/ui/imports/{id}/rejects.csv")
  void rejectsCsv(@PathVariable long id, HttpServletResponse response) throws IOException {
    find(id);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"import-" + id + "-rejects.csv\"");
    try (Writer w = response.getWriter()) {
      w.write("record,line,column,value,reason,code,raw\r\n");
      for (RejectRecord r : ledger.rejects(id, REJECTS_CSV)) {
        w.write(
            String.join(
                ",",
                Csv.cell(String.valueOf(r.recordNumber())),
                Csv.cell(r.lineNumber() == null ? "" : r.lineNumber().toString()),
                Csv.cell(r.column()),
                Csv.cell(r.value()),
                Csv.cell(r.reason()),
                Csv.cell(r.code()),
                Csv.cell(r.raw())));
        w.write("\r\n");
      }
    }
  }

  /**
   * The rejected rows as a file to fix and import again (the source's header and dialect, or JSON
   * Lines).
   */
  @Requires(Role.READER)
  @GetMapping("/ui/imports/{id}/rejects-to-fix")
  void rejectsToFix(@PathVariable long id, HttpServletResponse response) throws IOException {
    ImportRecord r = find(id);
    Path tmp = Files.createTempFile("datamapper-rejects-", ".tmp");
    try {
      RejectExporter.Exported out = exporter.export(id, tmp);
      String ext = out.format().spelling().equals("csv") ? "csv" : "jsonl";
      String base = r.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
      response.setContentType(
          ext.equals("csv") ? "text/csv;charset=UTF-8" : "application/x-ndjson;charset=UTF-8");
      response.setHeader(
          "Content-Disposition", "attachment; filename=\"" + base + ".rejects." + ext + "\"");
      Files.copy(tmp, response.getOutputStream());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Requires(Role.IMPORTER)
  @PostMapping("/ui/imports/{id}/undo")
  String undo(@PathVariable long id, Model model, HttpServletResponse response) {
    find(id);
    try {
      UndoResult result = undoer.undo(id);
      model.addAttribute("undone", "Import #" + id + " is undone: " + result.describe() + ".");
    } catch (DataMapperException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("refused", "Import #" + id + " cannot be undone: " + e.getMessage());
    }
    return "ui/import-detail :: undo-result";
  }

  /** A ledger row as the pages list it, with its status as {@link #statusOf} words it. */
  record Entry(ImportRecord r, String status) {
    static Entry of(ImportRecord r) {
      return new Entry(r, statusOf(r));
    }
  }

  /** The ledger status, with "undone" and "dry-run" told apart from a plain success. */
  static String statusOf(ImportRecord r) {
    if (r.undoneAt() != null) return "undone";
    if (r.dryRun()) return "dry-run";
    return r.status();
  }

  private ImportRecord find(long id) {
    return ledger
        .find(id)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "There is no import #" + id + "."));
  }

  private static boolean contains(String s, String lowerText) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(lowerText);
  }

  /** CSV cells: RFC 4180 quoting, and a leading quote on cells a spreadsheet would evaluate. */
  static final class Csv {
    private Csv() {}

    static String cell(String v) {
      if (v == null) return "";
      String s = v;
      if (!s.isEmpty() && Stream.of("=", "+", "@", "\t", "\r").anyMatch(s::startsWith)
          || s.startsWith("-") && !s.matches("-[0-9.,]*")) {
        s = "'" + s;
      }
      if (s.contains(",")
          || s.contains("\"")
          || s.contains("\n")
          || s.contains("\r")
          || !s.equals(v)) {
        s = "\"" + s.replace("\"", "\"\"") + "\"";
      }
      return s;
    }
  }
}
