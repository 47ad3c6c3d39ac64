package io.datamapper.ledger;

import io.datamapper.db.InternalSchemas;
import io.datamapper.mapping.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The table an import in mode {@code replace} swapped out, kept in {@code datamapper_undo} for
 * undo. Its name follows from the import id alone ({@code _dm_old_ID}), so SQL that moves or drops
 * it is built from that id, never from the ledger's {@code kept_table} text: the ledger value only
 * has to be the one Data Mapper writes, or the row is not trusted. Stateless.
 */
public final class KeptTable {
  private KeptTable() {}

  /** The kept table's name for import {@code importId} (null: a dry run). */
  public static String name(Long importId) {
    return "_dm_old_" + (importId == null ? "dry_run" : importId);
  }

  /** {@code datamapper_undo."_dm_old_ID"}, quoted: what the ledger records and what SQL names. */
  public static String qualified(Long importId) {
    return InternalSchemas.UNDO + "." + Identifiers.quote(name(importId));
  }

  /**
   * The name of the child table import {@code importId} swapped out, the child at {@code position}
   * in {@code datamapper.import_children}: {@code _dm_old_ID_POSITION}.
   */
  public static String childName(Long importId, int position) {
    return name(importId) + "_" + position;
  }

  /** {@code datamapper_undo."_dm_old_ID_POSITION"}, quoted. */
  public static String childQualified(Long importId, int position) {
    return InternalSchemas.UNDO + "." + Identifiers.quote(childName(importId, position));
  }

  /**
   * Whether {@code ledgerValue} is what Data Mapper records as import {@code importId}'s kept
   * table.
   */
  public static boolean recorded(long importId, String ledgerValue) {
    return qualified(importId).equals(ledgerValue);
  }

  /**
   * Whether import {@code importId}'s kept table is a table in {@code datamapper_undo}, per the
   * catalog.
   */
  public static boolean exists(Connection c, long importId) throws SQLException {
    return exists(c, name(importId));
  }

  /** Whether the child table import {@code importId} kept at {@code position} is there. */
  public static boolean childExists(Connection c, long importId, int position) throws SQLException {
    return exists(c, childName(importId, position));
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    String sql =
        "SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE n.nspname = ? AND t.relname = ? AND t.relkind IN ('r', 'p')";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, InternalSchemas.UNDO);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
