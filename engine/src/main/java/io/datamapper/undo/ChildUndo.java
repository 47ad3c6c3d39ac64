package io.datamapper.undo;

import io.datamapper.db.InternalSchemas;
import io.datamapper.db.TableLock;
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
 * children): deletes their rows by {@code _import_id}, deepest table first, and drops a child table
 * the import created once it is empty. Names read back from the ledger are checked (no internal
 * schema, usable identifiers) and reach SQL only quoted. Runs in the caller's transaction.
 */
final class ChildUndo {
  private ChildUndo() {}

  /** A child table of the import, as the ledger has it. */
  private record Child(String schema, String table, boolean created) {
    String qualified() {
      return Identifiers.qualified(schema, table);
    }
  }

  /** Removes the import's child rows; returns the rows deleted. */
  static long undo(Connection c, long importId, String who) throws SQLException {
    List<Child> children = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT target_schema, target_table, created_table FROM datamapper.import_children"
                + " WHERE import_id = ? ORDER BY position DESC")) {
      ps.setLong(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          children.add(new Child(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
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
      if (child.created() && empty(c, child.qualified())) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + child.qualified());
        }
      }
    }
    return deleted;
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
