package io.datamapper.load;

import io.datamapper.db.InternalSchemas;
import io.datamapper.ledger.HandOver;
import io.datamapper.ledger.KeptTable;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load mode {@code replace}: the file is loaded into a new table shaped like the target ({@code
 * LIKE ... INCLUDING ALL}: defaults, constraints, indexes), which then takes the target's name in
 * the same transaction, so readers see the old rows until the commit and the new ones after it. The
 * table swapped out is kept in schema {@value #KEPT_SCHEMA} so the import can be undone, until the
 * next replace of the same table drops it. Views and foreign keys that pointed at the old table
 * keep pointing at it (PostgreSQL binds them to the table, not its name). The new table is created
 * as the import role (see {@link io.datamapper.db.ImportRole}); the swap runs as the connecting
 * user. Stateless.
 */
final class Replacement {
  static final String KEPT_SCHEMA = InternalSchemas.UNDO;
  private static final Logger log = LoggerFactory.getLogger(Replacement.class);

  private Replacement() {}

  /**
   * What a swap did.
   *
   * @param ddl the statements it ran, in order
   * @param keptTable the qualified name of the table swapped out and kept for undo
   * @param cleared the earlier imports whose kept tables were dropped (their kept child tables go
   *     too)
   */
  record Swap(List<String> ddl, String keptTable, List<Long> cleared) {
    Swap {
      ddl = List.copyOf(ddl);
      cleared = List.copyOf(cleared);
    }
  }

  /** A name for the new table, unique to the import. */
  static String shadowName(Long importId) {
    return "_dm_new_" + (importId == null ? "dry_run" : importId);
  }

  static String keptName(Long importId) {
    return KeptTable.name(importId);
  }

  /** Creates the new table next to the target; returns the DDL. */
  static String createShadow(Connection c, TargetSpec target, Long importId) throws SQLException {
    String ddl =
        "CREATE TABLE "
            + Identifiers.qualified(target.schema(), shadowName(importId))
            + " (LIKE "
            + Identifiers.qualified(target.schema(), target.table())
            + " INCLUDING ALL)";
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    }
    return ddl;
  }

  /**
   * Swaps the new table in and keeps the old one; drops what earlier replaces of this table kept
   * (those imports can no longer be undone). Returns the DDL run and the kept table. Those tables
   * are named from their import ids, never from the ledger's text (see {@link KeptTable}); a ledger
   * value Data Mapper did not write is not run.
   */
  static Swap swap(Connection c, Ledger ledger, TargetSpec target, Long importId)
      throws SQLException {
    List<String> ddl = new ArrayList<>();
    String schema = Identifiers.quote(target.schema());
    String kept = keptName(importId);
    Map<Long, String> cleared = ledger.clearKeptTables(c, target.schema(), target.table());
    cleared.forEach(
        (id, recorded) -> {
          if (KeptTable.recorded(id, recorded)) {
            ddl.add("DROP TABLE IF EXISTS " + KeptTable.qualified(id));
          } else {
            log.warn(
                "Import #{} has a kept_table Data Mapper did not write; it was cleared and nothing was dropped",
                id);
          }
        });
    // made by migration V8; IF NOT EXISTS alone would still need the right to create schemas
    if (!schemaExists(c, KEPT_SCHEMA)) ddl.add("CREATE SCHEMA IF NOT EXISTS " + KEPT_SCHEMA);
    ddl.add(
        "ALTER TABLE "
            + Identifiers.qualified(target.schema(), target.table())
            + " RENAME TO "
            + Identifiers.quote(kept));
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) s.execute(sql);
    }
    String shadow = Identifiers.qualified(target.schema(), shadowName(importId));
    HandOver.hand(c, schema + "." + Identifiers.quote(kept), shadow, kept + "_i");
    ddl.add("-- index names and owned sequences handed to the new table (HandOver)");
    List<String> rest =
        List.of(
            "ALTER TABLE " + schema + "." + Identifiers.quote(kept) + " SET SCHEMA " + KEPT_SCHEMA,
            "ALTER TABLE " + shadow + " RENAME TO " + Identifiers.quote(target.table()));
    try (Statement s = c.createStatement()) {
      for (String sql : rest) s.execute(sql);
    }
    ddl.addAll(rest);
    return new Swap(ddl, KeptTable.qualified(importId), List.copyOf(cleared.keySet()));
  }

  private static boolean schemaExists(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
