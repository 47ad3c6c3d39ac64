package io.datamapper.tables;

import io.datamapper.db.SqlFailures;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read-only views of the user's tables: the list (outside system schemas and Data Mapper's own) and
 * pages of rows. Table names are looked up in the catalog, never spliced into SQL unquoted.
 * Thread-safe.
 */
public final class Tables {
  /** Tables up to this size are counted exactly; larger ones show the planner's estimate. */
  static final long EXACT_COUNT_BYTES = 256L << 20;

  private final DataSource dataSource;

  public Tables(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A user table; {@code rowsExact} is false when {@code rows} is the planner's estimate, and
   * {@code rows} is -1 when a large table was never analyzed (no estimate yet).
   */
  public record TableInfo(
      String schema,
      String name,
      long rows,
      boolean rowsExact,
      int columns,
      boolean hasLineage,
      long bytes) {
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /** One page of rows, values as PostgreSQL prints them. */
  public record Page(List<String> columns, List<List<String>> rows) {
    /** Every row of {@code rs} with its column names, values as text (null for SQL NULL). */
    static Page read(ResultSet rs) throws SQLException {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i));
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) row.add(rs.getString(i));
        rows.add(row);
      }
      return new Page(columns, rows);
    }
  }

  public List<TableInfo> list() {
    String sql =
        "SELECT n.nspname, c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), "
            + "(SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), "
            + "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = '_import_id' AND NOT a.attisdropped) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'datamapper') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1, 2";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<TableInfo> out = new ArrayList<>();
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        long estimate = rs.getLong(3);
        long bytes = rs.getLong(4);
        boolean exact = bytes <= EXACT_COUNT_BYTES;
        long rows = exact ? count(c, schema, name) : estimate;
        out.add(new TableInfo(schema, name, rows, exact, rs.getInt(5), rs.getBoolean(6), bytes));
      }
      return out;
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot list tables", e);
    }
  }

  /**
   * Finds a table by {@code name} or {@code schema.name}; a bare name is looked up in every user
   * schema.
   */
  public Optional<TableInfo> find(String name) {
    TableName parsed = TableName.parse(name);
    String schema = parsed.schema();
    String table = parsed.table();
    List<TableInfo> matches =
        list().stream()
            .filter(t -> t.name().equals(table) && (schema == null || t.schema().equals(schema)))
            .toList();
    if (matches.size() > 1) {
      matches = matches.stream().filter(t -> t.schema().equals("public")).toList();
    }
    return matches.stream().findFirst();
  }

  /** Rows of a table, ordered by its first column, values as text. */
  public Page rows(TableInfo table, int limit, long offset) {
    String sql =
        "SELECT * FROM "
            + Identifiers.qualified(table.schema(), table.name())
            + " ORDER BY 1 LIMIT ? OFFSET ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      c.setReadOnly(true);
      ps.setInt(1, limit);
      ps.setLong(2, offset);
      try (ResultSet rs = ps.executeQuery()) {
        return Page.read(rs);
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("Cannot read " + table.qualifiedName(), e);
    }
  }

  static long count(Connection c, String schema, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM " + Identifiers.qualified(schema, table))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
