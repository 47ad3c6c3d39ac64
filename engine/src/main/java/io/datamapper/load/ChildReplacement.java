package io.datamapper.load;

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
 * Load mode {@code replace} for child tables, as {@link Replacement} does it for the parent: each
 * existing child table gets a new table shaped like it ({@code LIKE ... INCLUDING ALL}) that the
 * child rows go into, and right after the parent's swap, in the same transaction, the new table
 * takes the child table's name and the old one is kept in {@code datamapper_undo} as {@code
 * _dm_old_ID_POSITION} ({@link KeptTable#childName}), recorded as {@code kept} in {@code
 * datamapper.import_children}. The next replace of the parent table drops what the earlier ones
 * kept, child tables included. Names are built from import ids and positions only. Stateless.
 */
final class ChildReplacement {
  private ChildReplacement() {}

  /** The new child table's name: {@code _dm_new_ID_POSITION}. */
  static String shadow(Long importId, int position) {
    return Replacement.shadowName(importId) + "_" + position;
  }

  /** Creates the new table next to the child table (as the import role); returns the DDL. */
  static String createShadow(Connection c, ChildPlan p, String shadow) throws SQLException {
    String ddl =
        "CREATE TABLE "
            + Identifiers.qualified(p.target().schema(), shadow)
            + " (LIKE "
            + p.qualified()
            + " INCLUDING ALL)";
    execute(c, List.of(ddl));
    return ddl;
  }

  /** Swaps the new table in for {@code p}, keeping the old one; returns the DDL. */
  static List<String> swap(Connection c, ChildPlan p, Long importId, int position)
      throws SQLException {
    String schema = p.target().schema();
    String kept = KeptTable.childName(importId, position);
    String rename = "ALTER TABLE " + p.qualified() + " RENAME TO " + Identifiers.quote(kept);
    execute(c, List.of(rename));
    String shadow = Identifiers.qualified(schema, shadow(importId, position));
    HandOver.hand(c, Identifiers.qualified(schema, kept), shadow, kept + "_i");
    List<String> rest =
        List.of(
            "ALTER TABLE "
                + Identifiers.qualified(schema, kept)
                + " SET SCHEMA "
                + Replacement.KEPT_SCHEMA,
            "ALTER TABLE " + shadow + " RENAME TO " + Identifiers.quote(p.target().table()));
    execute(c, rest);
    List<String> ddl = new ArrayList<>(List.of(rename));
    ddl.add("-- index names and owned sequences handed to the new table (HandOver)");
    ddl.addAll(rest);
    return ddl;
  }

  /**
   * Drops the child tables kept by {@code imports} (whose kept parent table a swap just dropped)
   * and marks them no longer kept; returns the DDL.
   */
  static List<String> dropKept(Connection c, List<Long> imports) throws SQLException {
    List<String> ddl = new ArrayList<>();
    if (imports.isEmpty()) return ddl;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE datamapper.import_children SET kept = false WHERE import_id = ANY (?) AND kept"
                + " RETURNING import_id, position")) {
      ps.setArray(1, c.createArrayOf("bigint", imports.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          ddl.add("DROP TABLE IF EXISTS " + KeptTable.childQualified(rs.getLong(1), rs.getInt(2)));
      }
    }
    execute(c, ddl);
    return ddl;
  }

  private static void execute(Connection c, List<String> ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) s.execute(sql);
    }
  }
}
