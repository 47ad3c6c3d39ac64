package io.datamapper.load;

import io.datamapper.db.ImportRole;
import io.datamapper.mapping.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Child tables under {@code duplicateRow: update} ({@code mode: upsert}): a parent the file changes
 * gets the file's children in place of its old ones, at every level. A parent counts as changed
 * when its row differs from the file's or any of its child rows (every level, compared as a
 * multiset of mapped columns with {@code _position}) does; an unchanged parent keeps its row and
 * children as they are. {@link #before} runs inside the parent's merge, after one row per key was
 * picked and before the upsert (the child tables already locked, {@link ChildLoad#lock}): it finds
 * the roots whose children differ, and notes the picked records the upsert will insert or change
 * ({@value ChildLoad#LOADED}, read by {@link ChildLoad#merge}). {@link #deleteOld} then deletes the
 * old child rows of those roots, keeping each as a pre-image in {@code datamapper.row_images} (with
 * {@code child_table}) for undo. Not thread-safe: one per import.
 */
final class ChildMerge {
  static final String CHANGED = "pg_temp.datamapper_child_changed";

  private final ChildLoad load;
  private final List<ChildRows.Level> levels;
  private final List<String> keys;
  private final Long importId;

  ChildMerge(ChildLoad load, List<ChildRows.Level> levels, List<String> keys, Long importId) {
    this.load = load;
    this.levels = levels;
    this.keys = keys.stream().map(Identifiers::quote).toList();
    this.importId = importId;
  }

  /**
   * Inside the parent's merge: notes the root keys whose children differ from the file's ({@link
   * #orChanged}). {@code columns} are the parent's mapped columns, quoted; {@code target} its
   * table.
   */
  void before(Connection c, String picked, String target, List<String> columns)
      throws SQLException {
    execute(
        c,
        "CREATE TEMPORARY TABLE "
            + CHANGED
            + " ON COMMIT DROP AS SELECT "
            + String.join(", ", keys)
            + " FROM "
            + picked
            + " WITH NO DATA");
    for (ChildRows.Level l : levels) {
      String cols = String.join(", ", l.plan.tableColumns());
      String file =
          "SELECT "
              + cols
              + " FROM "
              + l.plan.staging()
              + " WHERE "
              + ChildPlan.RECORD
              + " IN (SELECT "
              + Staging.RECORD
              + " FROM "
              + picked
              + ")";
      String table =
          "SELECT "
              + cols
              + " FROM "
              + load.into(l.plan)
              + " t WHERE EXISTS (SELECT 1 FROM "
              + picked
              + " p WHERE "
              + join("p", "t")
              + ")";
      execute(
          c,
          "INSERT INTO "
              + CHANGED
              + " SELECT DISTINCT "
              + String.join(", ", keys)
              + " FROM (("
              + file
              + " EXCEPT ALL "
              + table
              + ") UNION ALL ("
              + table
              + " EXCEPT ALL "
              + file
              + ")) d");
    }
    // what the upsert inserts or changes: no identical row in the table, or other children
    List<String> same = new ArrayList<>();
    for (String col : columns) same.add("t." + col + " IS NOT DISTINCT FROM p." + col);
    execute(
        c,
        "CREATE TEMPORARY TABLE "
            + ChildLoad.LOADED
            + " ON COMMIT DROP AS SELECT p."
            + Staging.RECORD
            + " AS r FROM "
            + picked
            + " p WHERE NOT EXISTS (SELECT 1 FROM "
            + target
            + " t WHERE "
            + join("t", "p")
            + " AND "
            + String.join(" AND ", same)
            + ") OR EXISTS (SELECT 1 FROM "
            + CHANGED
            + " x WHERE "
            + join("x", "p")
            + ")");
  }

  /**
   * After the parent's merge: deletes the child rows of the roots the upsert inserted or changed,
   * each level, keeping pre-images; returns the rows deleted by level, in {@code levels} order.
   * Runs as the connecting user (the pre-images go into the ledger's schema, in the same
   * statement).
   */
  List<Long> deleteOld(Connection c, ImportRole role) throws SQLException {
    List<Long> deleted = new ArrayList<>();
    role.leave(c);
    for (ChildRows.Level l : levels) {
      String roots =
          "(SELECT "
              + String.join(", ", keys)
              + " FROM "
              + KeyedMerge.PICKED
              + " WHERE "
              + Staging.RECORD
              + " IN (SELECT r FROM "
              + ChildLoad.LOADED
              + ")) r";
      String delete =
          "DELETE FROM " + load.into(l.plan) + " t USING " + roots + " WHERE " + join("t", "r");
      String sql =
          importId == null
              ? delete
              : "WITH d AS ("
                  + delete
                  + " RETURNING t.*) INSERT INTO datamapper.row_images (import_id, prev_import_id,"
                  + " before, child_table) SELECT ?, d."
                  + Identifiers.quote(Identifiers.IMPORT_ID)
                  + ", to_jsonb(d), ? FROM d";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (importId != null) {
          ps.setLong(1, importId);
          ps.setString(2, l.plan.target().table());
        }
        deleted.add(ps.executeLargeUpdate());
      }
    }
    role.enter(c);
    return deleted;
  }

  /**
   * The condition the parent's merge adds for {@code alias}'s row: its children differ from the
   * file's (after {@link #before}).
   */
  String orChanged(String alias) {
    return " OR EXISTS (SELECT 1 FROM " + CHANGED + " x WHERE " + join("x", alias) + ")";
  }

  private String join(String a, String b) {
    List<String> parts = new ArrayList<>();
    for (String k : keys) parts.add(a + "." + k + " = " + b + "." + k);
    return String.join(" AND ", parts);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
