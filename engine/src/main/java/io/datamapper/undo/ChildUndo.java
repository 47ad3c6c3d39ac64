package io.datamapper.undo;

import io.datamapper.db.InternalSchemas;
import io.datamapper.db.TableLock;
import io.datamapper.ledger.HandOver;
import io.datamapper.ledger.KeptTable;
import io.datamapper.mapping.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes what an import wrote into child tables ({@code datamapper.import_children}, mapping v2
 * children), deepest table first: deletes their rows by {@code _import_id}, puts back the child
 * rows an update import replaced (their pre-images in {@code datamapper.row_images}, by {@code
 * child_table}), drops a child table the import created once it is empty, and puts back a child
 * table a replace import swapped out ({@code kept}; its name rebuilt from the import id and
 * position, {@link KeptTable#childName}). Names read back from the ledger are checked (no internal
 * schema, usable identifiers) and reach SQL only quoted. Runs in the caller's transaction, after
 * the parent's checks; the parent's refusals that follow roll it all back.
 */
final class ChildUndo {
  private ChildUndo() {}

  /** A child table of the import, as the ledger has it. */
  private record Child(String schema, String table, boolean created, int position, boolean kept) {
    String qualified() {
      return Identifiers.qualified(schema, table);
    }
  }

  /** Removes the import's child rows and restores what it replaced; returns the rows deleted. */
  static long undo(Connection c, long importId, String who) throws SQLException {
    List<Child> children = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT target_schema, target_table, created_table, position, kept FROM"
                + " datamapper.import_children WHERE import_id = ? ORDER BY position DESC")) {
      ps.setLong(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          children.add(
              new Child(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getBoolean(3),
                  rs.getInt(4),
                  rs.getBoolean(5)));
      }
    }
    for (Child child : children) {
      String problem = InternalSchemas.problem(child.schema());
      if (problem == null) problem = Identifiers.problem(child.schema());
      if (problem == null) problem = Identifiers.problem(child.table());
      if (problem != null) {
        throw new UndoRefusedException(
            who
                + " cannot be undone: its ledger names a child table Data Mapper cannot have"
                + " written ("
                + problem
                + "). Nothing was changed.");
      }
    }
    long deleted = 0;
    for (Child child : children) {
      TableLock.lock(c, child.schema(), child.table());
      if (child.kept()) {
        putBack(c, importId, child, who);
        continue;
      }
      if (!exists(c, child.qualified())) continue;
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM "
                  + child.qualified()
                  + " WHERE "
                  + Identifiers.quote(Identifiers.IMPORT_ID)
                  + " = ?")) {
        ps.setLong(1, importId);
        deleted += ps.executeLargeUpdate();
      }
      restore(c, importId, child);
      if (child.created() && empty(c, child.qualified())) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + child.qualified());
        }
      }
    }
    return deleted;
  }

  /** Inserts back the child rows the import deleted when it replaced their parent's children. */
  private static void restore(Connection c, long importId, Child child) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0"
                + " AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum")) {
      ps.setString(1, child.qualified());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) cols.add(Identifiers.quote(rs.getString(1)));
      }
    }
    List<String> picked = cols.stream().map(col -> "r." + col).toList();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + child.qualified()
                + " ("
                + String.join(", ", cols)
                + ") OVERRIDING SYSTEM VALUE SELECT "
                + String.join(", ", picked)
                + " FROM datamapper.row_images i, jsonb_populate_record(NULL::"
                + child.qualified()
                + ", i.before) r WHERE i.import_id = ? AND i.child_table = ?")) {
      ps.setLong(1, importId);
      ps.setString(2, child.table());
      ps.executeLargeUpdate();
    }
  }

  /** Puts back the child table a replace swapped out, in place of the one it swapped in. */
  private static void putBack(Connection c, long importId, Child child, String who)
      throws SQLException {
    if (!KeptTable.childExists(c, importId, child.position())) {
      throw new UndoRefusedException(
          who
              + " cannot be undone: the child table it replaced ("
              + KeptTable.childQualified(importId, child.position())
              + ") is no longer there.");
    }
    String kept = KeptTable.childName(importId, child.position());
    String back = Identifiers.qualified(child.schema(), kept);
    try (Statement s = c.createStatement()) {
      s.execute(
          "ALTER TABLE "
              + KeptTable.childQualified(importId, child.position())
              + " SET SCHEMA "
              + Identifiers.quote(child.schema()));
      if (exists(c, child.qualified()))
        HandOver.hand(
            c, child.qualified(), back, "_dm_undone_" + importId + "_" + child.position() + "_i");
      s.execute("DROP TABLE IF EXISTS " + child.qualified());
      s.execute("ALTER TABLE " + back + " RENAME TO " + Identifiers.quote(child.table()));
    }
  }

  private static boolean exists(Connection c, String qualified) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, qualified);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static boolean empty(Connection c, String qualified) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + qualified + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
