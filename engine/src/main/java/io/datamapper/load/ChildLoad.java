package io.datamapper.load;

import io.datamapper.db.ImportRole;
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
import java.util.List;
import java.util.function.Predicate;
import org.postgresql.PGConnection;

/**
 * Loads the child tables of a keyed import, in its transaction (see docs/mapping.md, children):
 * creates the missing tables as the parent's are created, sends each child stream with binary COPY
 * after the parent's COPY, and after the parent's merge inserts the child rows of the parents that
 * were loaded (a parent skipped as a duplicate takes its children with it). When a child table is
 * new and every parent is loaded (duplicateRow keep or error), its rows go straight into it with
 * COPY ... FREEZE; otherwise through a temporary staging table keyed by the parent's record number.
 * The tables and their row counts go into the ledger ({@code datamapper.import_children}) for undo.
 * Not thread-safe: one per import.
 */
final class ChildLoad {
  private static final String LOADED = "pg_temp.datamapper_loaded";

  /** A child table as the import left it. */
  record Table(ChildPlan plan, boolean created, long rows) {}

  private final Mapping mapping;
  private final List<ChildPlan> plans;
  private final List<ChildPlan> all = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final Long importId;
  private ChildRows rows;

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

  /** Creates the missing child tables (as the import role); returns their DDL. */
  List<String> createTables(Connection c) throws SQLException {
    List<String> ddl = new ArrayList<>();
    for (ChildPlan p : all) {
      if (!p.plan().tableExists()) ddl.add(TargetTable.create(c, p.target(), p.createColumns()));
    }
    return ddl;
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
        into = p.qualified();
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
  void merge(Connection c, String parent) throws SQLException {
    List<ChildRows.Level> staged = rows.levels().stream().filter(l -> !l.direct).toList();
    if (staged.isEmpty()) return;
    Policies.DuplicateRow rule = mapping.duplicateRule();
    String filter = "";
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
    for (ChildRows.Level l : staged) {
      ChildPlan p = l.plan;
      String cols = String.join(", ", p.tableColumns());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + p.qualified()
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
        tables.add(new Table(p, !p.plan().tableExists(), ps.executeLargeUpdate()));
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
              + (t.created() ? ", table created" : ""));
    return notes;
  }

  /** Writes the child tables into the ledger, as the connecting user. */
  void record(Connection c) throws SQLException {
    if (importId == null) return;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO datamapper.import_children (import_id, position, target_schema,"
                + " target_table, path, created_table, rows_inserted) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Table t : ordered()) {
        ps.setLong(1, importId);
        ps.setInt(2, ++position);
        ps.setString(3, t.plan().target().schema());
        ps.setString(4, t.plan().target().table());
        ps.setString(5, t.plan().spec().path());
        ps.setBoolean(6, t.created());
        ps.setLong(7, t.rows());
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
