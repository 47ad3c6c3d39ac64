package io.datamapper.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A transaction-scoped advisory lock per target table, taken by imports where they must take turns
 * (creating, swapping, updating a table) and by undo. Stateless.
 */
public final class TableLock {
  private TableLock() {}

  /** Waits for and takes the lock of {@code schema.table}; it ends with the transaction. */
  public static void lock(Connection c, String schema, String table) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))")) {
      lock.setString(1, "datamapper.table:" + schema + "." + table);
      lock.execute();
    }
  }
}
