package io.datamapper.load.copy;

import io.datamapper.mapping.ColumnType;
import io.datamapper.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** Test helper: encodes rows and sends them with {@code COPY ... (FORMAT binary)}. */
final class PgCopy {
  private PgCopy() {}

  static byte[] encode(List<ColumnType> types, List<Object[]> rows) {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(types);
    enc.header();
    for (Object[] row : rows) enc.writeRow(row);
    enc.trailer();
    return enc.toByteArray();
  }

  /** Copies the bytes into {@code table (columns)}; returns the row count PostgreSQL reports. */
  static long copyIn(String tableAndColumns, byte[] bytes) {
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      return new CopyManager(c.unwrap(BaseConnection.class))
          .copyIn(
              "COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)",
              new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(
          "COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
    }
  }

  /** Inserts {@code (id, literal::type)} rows, letting PostgreSQL parse each literal itself. */
  static void insertLiterals(String table, String type, List<String> literals) {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?::" + type + ")")) {
      for (int i = 0; i < literals.size(); i++) {
        ps.setInt(1, i);
        ps.setString(2, literals.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("INSERT into " + table + " failed: " + e.getMessage(), e);
    }
  }
}
