package io.datamapper.load;

import io.datamapper.db.ImportRole;
import io.datamapper.db.TableLock;
import io.datamapper.format.ReadLimits;
import io.datamapper.mapping.ChildSpec;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.postgresql.PGConnection;

/**
 * Loads the child tables of a keyed import, in its transaction (see docs/mapping.md, children):
 * creates the missing tables as the parent's are created, sends each child stream with binary COPY
 * after the parent's COPY, and after the parent's merge inserts the child rows of the parents that
 * were loaded (a parent skipped as a duplicate takes its children with it). When a child table is
 * new and every parent is loaded (duplicateRow keep or error), its rows go straight into it with
 * COPY ... FREEZE; otherwise through a temporary staging table keyed by the parent's record number.
 * Under {@code duplicateRow: update} a changed parent's old children are replaced ({@link
 * ChildMerge}); under {@code replace} the rows go into new tables swapped in with the parent's
 * ({@link ChildReplacement}); {@code truncate-insert} empties the tables with the parent (in {@code
 * ImportRun}, from {@link #existingTables}). The tables and their row counts go into the ledger
 * ({@code datamapper.import_children}) for undo. Not thread-safe: one per import.
 */
final class ChildLoad {
  static final String LOADED = "pg_temp.datamapper_loaded";

  /**
   * A child table as the import left it: rows inserted, rows deleted (the old children of parents
   * an update changed), and whether a replace swapped the table out and keeps it for undo.
   */
  record Table(ChildPlan plan, boolean created, long rows, long deleted, boolean kept) {
    Table(ChildPlan plan, boolean created, long rows) {
      this(plan, created, rows, 0, false);
    }
  }

  private final Mapping mapping;
  private final List<ChildPlan> plans;
  private final List<ChildPlan> all = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final Long importId;
  private final Map<ChildPlan, String> shadows = new IdentityHashMap<>();
  private ChildRows rows;
  private ChildMerge update;

  private ChildLoad(Mapping mapping, List<ChildPlan> plans, Long importId) {
    this.mapping = mapping;
    this.plans = plans;
    this.importId = importId;
    for (ChildPlan p : plans) all.addAll(p.flatten());
  }

  /**
   * Before the import's transaction, in auto-commit: gives the import role what each child table
   * needs, as {@link ImportRole#prepare} does for the parent.
   */
  static void grant(Connection c, Mapping mapping) throws SQLException {
    for (String table : tableNames(mapping.children(), new ArrayList<>())) {
      TargetSpec t = new TargetSpec(mapping.target().schema(), table, true, null);
      TargetTable.refuseUnusable(c, t);
      ImportRole.prepare(c, t.schema(), t.table());
    }
  }

  private static List<String> tableNames(List<ChildSpec> children, List<String> into) {
    for (ChildSpec child : children) {
      into.add(child.table());
      tableNames(child.children(), into);
    }
    return into;
  }

  /** The source fields the readers must extract for the children: the root arrays' paths. */
  static List<String> fields(Mapping mapping) {
    return mapping.children().stream().map(ChildSpec::path).toList();
  }

  /** Plans the children against their tables; null when the mapping has none. */
  static ChildLoad plan(Connection c, Mapping mapping, LoadPlan parent, Long importId)
      throws SQLException {
    if (mapping.children().isEmpty()) return null;
    return new ChildLoad(mapping, ChildPlan.create(c, mapping, parent), importId);
  }

  /**
   * Creates the missing child tables (as the import role); when {@code replacing}, a new table to
   * swap in for each existing one ({@link ChildReplacement}). Returns their DDL.
   */
  List<String> createTables(Connection c, boolean replacing) throws SQLException {
    List<String> ddl = new ArrayList<>();
    for (ChildPlan p : all) {
      if (!p.plan().tableExists()) {
        ddl.add(TargetTable.create(c, p.target(), p.createColumns()));
      } else if (replacing) {
        String shadow = ChildReplacement.shadow(importId, all.indexOf(p) + 1);
        ddl.add(ChildReplacement.createShadow(c, p, shadow));
        shadows.put(p, Identifiers.qualified(p.target().schema(), shadow));
      }
    }
    return ddl;
  }

  /**
   * Takes the advisory lock of every child table ({@link TableLock}), after the parent's: an import
   * that rewrites child rows (update, replace, truncate-insert) and undo take them in this order.
   */
  void lock(Connection c) throws SQLException {
    for (ChildPlan p : all) TableLock.lock(c, p.target().schema(), p.target().table());
  }

  /** The existing child tables, quoted: what {@code truncate-insert} empties with the parent. */
  List<String> existingTables() {
    return all.stream().filter(p -> p.plan().tableExists()).map(ChildPlan::qualified).toList();
  }

  /** The table the rows of {@code p} go into: its own, or the new one a replace swaps in. */
  String into(ChildPlan p) {
    return shadows.getOrDefault(p, p.qualified());
  }

  /**
   * After a replace swapped the parent in: swaps each new child table in, keeping the old one for
   * undo, and drops the child tables kept by the imports whose parent table the swap dropped
   * ({@code cleared}). Runs as the connecting user; returns the DDL.
   */
  List<String> swap(Connection c, List<Long> cleared) throws SQLException {
    List<String> ddl = new ArrayList<>(ChildReplacement.dropKept(c, cleared));
    for (ChildPlan p : all) {
      if (!shadows.containsKey(p)) continue;
      int position = all.indexOf(p) + 1;
      ddl.addAll(ChildReplacement.swap(c, p, importId, position));
      for (int i = 0; i < tables.size(); i++) {
        Table t = tables.get(i);
        if (t.plan() == p) tables.set(i, new Table(p, t.created(), t.rows(), t.deleted(), true));
      }
    }
    return ddl;
  }

  /**
   * Under {@code duplicateRow: update}: what the parent's merge consults to treat a parent whose
   * children changed as changed; null under the other rules. Call after {@link #copy}.
   */
  ChildMerge updates() {
    if (mapping.duplicateRule() != Policies.DuplicateRow.UPDATE) return null;
    update =
        new ChildMerge(
            this, rows.levels().stream().filter(l -> !l.direct).toList(), mapping.keys(), importId);
    return update;
  }

  /** The loading thread's encoder of child rows, spooling to temporary files. */
  ChildRows rows(List<String> fields, ReadLimits limits, long maxRowBytes) throws IOException {
    Policies.DuplicateRow rule = mapping.duplicateRule();
    boolean everyParent = rule == Policies.DuplicateRow.KEEP || rule == Policies.DuplicateRow.ERROR;
    Predicate<ChildPlan> direct = p -> everyParent && !p.plan().tableExists();
    rows = new ChildRows(plans, direct, importId, fields, limits, maxRowBytes);
    return rows;
  }

  /**
   * After the parent's COPY: sends each child stream, into its table or its staging table. Call
   * after {@link ChildRows#finish()}.
   */
  void copy(Connection c) throws SQLException, IOException {
    for (ChildRows.Level l : rows.levels()) {
      ChildPlan p = l.plan;
      List<String> names = new ArrayList<>(p.tableColumns());
      String into;
      if (l.direct) {
        into = into(p);
        names.add(Identifiers.quote(Identifiers.IMPORT_ID));
      } else {
        into = p.staging();
        List<String> cols = new ArrayList<>();
        List<String> quoted = p.tableColumns();
        var types = p.stagingTypes();
        for (int i = 0; i < quoted.size(); i++) cols.add(quoted.get(i) + " " + types.get(i).sql());
        cols.add(ChildPlan.RECORD + " bigint");
        execute(
            c,
            "CREATE TEMPORARY TABLE " + into + " (" + String.join(", ", cols) + ") ON COMMIT DROP");
        names.add(ChildPlan.RECORD);
      }
      String sql =
          "COPY "
              + into
              + " ("
              + String.join(", ", names)
              + ") FROM STDIN (FORMAT binary"
              + (l.direct ? ", FREEZE)" : ")");
      try (InputStream in = ChildRows.open(l)) {
        long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        if (l.direct) tables.add(new Table(p, true, n));
      }
    }
  }

  /**
   * After the parent's merge: inserts the staged child rows whose root record was loaded. {@code
   * parent} is the parent table as the merge wrote it.
   */
  void merge(Connection c, String parent, ImportRole role) throws SQLException {
    List<ChildRows.Level> staged = rows.levels().stream().filter(l -> !l.direct).toList();
    if (staged.isEmpty()) return;
    Policies.DuplicateRow rule = mapping.duplicateRule();
    String filter = "";
    List<Long> deleted = null;
    if (update != null) {
      // the parents the upsert inserted or changed (noted by ChildMerge.before) take the file's
      // children in place of their old ones
      deleted = update.deleteOld(c, role);
      filter = " WHERE " + ChildPlan.RECORD + " IN (SELECT r FROM " + LOADED + ")";
    }
    if (rule == Policies.DuplicateRow.SKIP) {
      // the parents this import inserted: its lineage on the row, and of the rows sharing a key
      // in the file, the one the merge kept (first or last)
      List<String> keys = mapping.keys().stream().map(Identifiers::quote).toList();
      List<String> join = new ArrayList<>();
      for (String k : keys) join.add("t." + k + " = s." + k);
      String order = mapping.policies().keep() == Policies.Keep.LAST ? " DESC" : "";
      try (PreparedStatement ps =
          c.prepareStatement(
              "CREATE TEMPORARY TABLE "
                  + LOADED
                  + " ON COMMIT DROP AS SELECT DISTINCT ON ("
                  + String.join(", ", keys.stream().map(k -> "s." + k).toList())
                  + ") s."
                  + Staging.RECORD
                  + " AS r FROM "
                  + Staging.TABLE
                  + " s JOIN "
                  + parent
                  + " t ON "
                  + String.join(" AND ", join)
                  + " WHERE t."
                  + Identifiers.quote(Identifiers.IMPORT_ID)
                  + " IS NOT DISTINCT FROM ? ORDER BY "
                  + String.join(", ", keys.stream().map(k -> "s." + k).toList())
                  + ", s."
                  + Staging.RECORD
                  + order)) {
        lineage(ps, 1);
        ps.execute();
      }
      filter = " WHERE " + ChildPlan.RECORD + " IN (SELECT r FROM " + LOADED + ")";
    }
    for (int i = 0; i < staged.size(); i++) {
      ChildPlan p = staged.get(i).plan;
      String cols = String.join(", ", p.tableColumns());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + into(p)
                  + " ("
                  + cols
                  + ", "
                  + Identifiers.quote(Identifiers.IMPORT_ID)
                  + ") SELECT "
                  + cols
                  + ", ?::bigint FROM "
                  + p.staging()
                  + filter)) {
        lineage(ps, 1);
        long inserted = ps.executeLargeUpdate();
        long gone = deleted == null ? 0 : deleted.get(i);
        tables.add(new Table(p, !p.plan().tableExists(), inserted, gone, false));
      }
    }
  }

  /** Notes for the summary: rows per child table. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (Table t : ordered())
      notes.add(
          "child table "
              + t.plan().qualified()
              + " ("
              + t.plan().spec().path()
              + "): "
              + t.rows()
              + " rows inserted"
              + (t.deleted() > 0 ? ", " + t.deleted() + " replaced rows deleted" : "")
              + (t.created() ? ", table created" : "")
              + (t.kept() ? ", swapped in (the old table is kept for undo)" : ""));
    return notes;
  }

  /** Writes the child tables into the ledger, as the connecting user. */
  void record(Connection c) throws SQLException {
    if (importId == null) return;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO datamapper.import_children (import_id, position, target_schema,"
                + " target_table, path, created_table, rows_inserted, rows_deleted, kept)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Table t : ordered()) {
        ps.setLong(1, importId);
        // the plan's place, which also names a kept table (ChildReplacement)
        ps.setInt(2, all.indexOf(t.plan()) + 1);
        ps.setString(3, t.plan().target().schema());
        ps.setString(4, t.plan().target().table());
        ps.setString(5, t.plan().spec().path());
        ps.setBoolean(6, t.created());
        ps.setLong(7, t.rows());
        ps.setLong(8, t.deleted());
        ps.setBoolean(9, t.kept());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The tables in plan order (parents before their children). */
  private List<Table> ordered() {
    List<Table> out = new ArrayList<>();
    for (ChildPlan p : all) for (Table t : tables) if (t.plan() == p) out.add(t);
    return out;
  }

  private void lineage(PreparedStatement ps, int index) throws SQLException {
    if (importId == null) ps.setNull(index, Types.BIGINT);
    else ps.setLong(index, importId);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
