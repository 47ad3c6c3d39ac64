package io.datamapper.detect;

import io.datamapper.DataMapperException;
import io.datamapper.db.SqlFailures;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The columns of an existing table as {@link ExpectedColumn}s (source = column name), in table
 * order, without the lineage column {@code _import_id}. Stateless.
 */
public final class TableColumns {
  private static final String SQL =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum""";

  private TableColumns() {}

  /**
   * @param table {@code name} (schema {@code public}) or {@code schema.name}
   * @throws DataMapperException when the table does not exist or cannot be read
   */
  public static List<ExpectedColumn> of(DataSource dataSource, String table) {
    TableName parsed = TableName.parse(table);
    String schema = parsed.schemaOr("public");
    String name = parsed.table();
    List<ExpectedColumn> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setString(1, schema);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String column = rs.getString(1);
          if (!column.equals(Identifiers.IMPORT_ID))
            out.add(new ExpectedColumn(column, column, rs.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("cannot read the columns of table " + table, e);
    }
    if (out.isEmpty())
      throw new DataMapperException(
          "table " + schema + "." + name + " does not exist (or has no columns)");
    return out;
  }
}
