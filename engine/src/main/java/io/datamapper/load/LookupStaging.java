package io.datamapper.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Adds the lookups' columns to the freshly created (empty) staging table. Stateless. */
final class LookupStaging {
  private LookupStaging() {}

  static void addColumns(Connection c, LookupPlan lookups) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String definition : lookups.stageColumnDefinitions())
        s.execute("ALTER TABLE " + Staging.TABLE + " ADD COLUMN " + definition);
    }
  }
}
