package io.datamapper.load;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks up and creates target tables. All identifiers are quoted. Stateless. */
final class TargetTable {

  /** An existing column: its type as PostgreSQL prints it, NOT NULL, and whether it has a default. */
  record Column(String name, String type, boolean notNull, boolean hasDefault) {}

  private TargetTable() {}

  /** The table's columns in order, or empty when the table does not exist. */
  static Optional<Map<String, Column>> describe(Connection c, String schema, String table) throws SQLException {
    String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef "
        + "FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
        + "WHERE n.nspname = ? AND t.relname = ? AND t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Column> columns = new LinkedHashMap<>();
        while (rs.next()) {
          columns.put(rs.getString(1), new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
      }
    }
  }

  /**
   * Whether the table has a unique index on exactly {@code keys} (in any order, no
   * predicate, no expressions): what {@code INSERT ... ON CONFLICT (keys)} needs.
   */
  static boolean hasUniqueIndex(Connection c, String schema, String table, List<String> keys) throws SQLException {
    String sql = "SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL "
        + "AND i.indexprs IS NULL AND i.indnkeyatts = ? AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a "
        + "WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])) = (SELECT array_agg(k ORDER BY k) FROM unnest(?::text[]) k)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, Identifiers.qualified(schema, table));
      ps.setInt(2, keys.size());
      ps.setArray(3, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Adds a unique index on {@code keys} (its name chosen by PostgreSQL); returns the DDL. */
  static String addUniqueIndex(Connection c, String qualifiedTable, List<String> keys) throws SQLException {
    String ddl = "CREATE UNIQUE INDEX ON " + qualifiedTable + " (" + String.join(", ", keys.stream().map(Identifiers::quote).toList()) + ")";
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    }
    return ddl;
  }

  /** Creates the table (and its schema) with the mapping's columns plus {@code _import_id}; returns the DDL. */
  static String create(Connection c, TargetSpec target, List<ColumnSpec> columns) throws SQLException {
    StringBuilder ddl = new StringBuilder();
    if (!"public".equals(target.schema())) {
      ddl.append("CREATE SCHEMA IF NOT EXISTS ").append(Identifiers.quote(target.schema())).append(";\n");
    }
    ddl.append("CREATE TABLE ").append(Identifiers.qualified(target.schema(), target.table())).append(" (\n");
    for (ColumnSpec col : columns) {
      ddl.append("  ").append(Identifiers.quote(col.name())).append(' ').append(col.type().sql());
      if (!col.nullable()) ddl.append(" NOT NULL");
      ddl.append(",\n");
    }
    ddl.append("  ").append(Identifiers.quote(Identifiers.IMPORT_ID)).append(" bigint\n)");
    try (Statement s = c.createStatement()) {
      s.execute(ddl.toString());
      s.execute("COMMENT ON COLUMN " + Identifiers.qualified(target.schema(), target.table()) + "."
          + Identifiers.quote(Identifiers.IMPORT_ID) + " IS 'Data Mapper lineage: datamapper.imports.id of the import that loaded the row'");
    }
    return ddl.toString();
  }

  /** The column type we can load into an existing column of PostgreSQL type {@code pgType}, or null. */
  static ColumnType typeOf(String pgType) {
    String t = pgType.toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("character varying") || t.startsWith("character(") || t.equals("character") || t.equals("name")) {
      return ColumnType.TEXT;
    }
    if (t.startsWith("timestamp") && t.contains("with time zone") && !t.contains("without")) return ColumnType.TIMESTAMPTZ;
    if (t.startsWith("timestamp")) return ColumnType.TIMESTAMP;
    if (t.startsWith("time") && !t.contains("with time zone")) return ColumnType.TIME;
    try {
      return ColumnType.parse(t.equals("json") ? "unsupported-json" : t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
