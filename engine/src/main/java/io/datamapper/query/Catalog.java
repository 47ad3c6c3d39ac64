package io.datamapper.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tables a question may use from PostgreSQL's catalog (the same set the privilege layer
 * grants: user schemas and the ledger), with columns, keys, foreign keys, row estimates and lineage
 * from {@code datamapper.imports}. Catalog reads only; no user rows. Stateless.
 */
final class Catalog {
  /** Never-analyzed tables up to this size are counted; larger ones show no estimate. */
  private static final long COUNT_BYTES = 8L << 20;

  private static final int FILES_PER_TABLE = 5;

  /** At most this many never-analyzed tables are counted per read (each count is a scan). */
  private static final int MAX_COUNTS = 50;

  private Catalog() {}

  static List<TableSchema> read(Connection c) throws SQLException {
    Map<Long, Builder> tables = new LinkedHashMap<>();
    String sql =
        "SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::bigint, pg_relation_size(c.oid) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND ("
            + PrivilegeGuard.USER_SCHEMA
            + " OR (n.nspname = 'datamapper' AND c.relname = 'imports')) ORDER BY n.nspname = 'datamapper', 2, 3";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String kind =
            switch (rs.getString(4)) {
              case "v" -> "view";
              case "m" -> "materialized view";
              case "f" -> "foreign table";
              default -> "table";
            };
        Builder b = new Builder(rs.getString(2), rs.getString(3), kind, rs.getLong(5));
        if (b.rows < 0 && kind.equals("table") && rs.getLong(6) <= COUNT_BYTES)
          b.rows = -2; // count below
        tables.put(rs.getLong(1), b);
      }
    }
    if (tables.isEmpty()) return List.of();
    Array oids = c.createArrayOf("oid", tables.keySet().toArray());
    columns(c, oids, tables);
    keys(c, oids, tables);
    foreignKeys(c, oids, tables);
    lineage(c, tables);
    counts(c, tables);
    return tables.values().stream().map(Builder::build).toList();
  }

  private static void columns(Connection c, Array oids, Map<Long, Builder> tables)
      throws SQLException {
    String sql =
        "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_attribute a "
            + "WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, oids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          tables
              .get(rs.getLong(1))
              .columns
              .add(new TableSchema.Column(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
      }
    }
  }

  /** Primary keys and unique indexes (imports with keys make unique indexes, not constraints). */
  private static void keys(Connection c, Array oids, Map<Long, Builder> tables)
      throws SQLException {
    String sql =
        "SELECT i.indrelid, i.indisprimary, (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(i.indkey) "
            + "WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) "
            + "FROM pg_index i WHERE i.indisunique AND i.indpred IS NULL AND i.indrelid = ANY (?) ORDER BY i.indrelid, NOT i.indisprimary";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, oids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(3) == null) continue; // an expression index
          tables
              .get(rs.getLong(1))
              .keys
              .add((rs.getBoolean(2) ? "PRIMARY KEY (" : "UNIQUE (") + rs.getString(3) + ")");
        }
      }
    }
  }

  private static void foreignKeys(Connection c, Array oids, Map<Long, Builder> tables)
      throws SQLException {
    String sql =
        "SELECT conrelid, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY (?) ORDER BY conrelid, conname";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, oids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) tables.get(rs.getLong(1)).foreignKeys.add(rs.getString(2));
      }
    }
  }

  private static void lineage(Connection c, Map<Long, Builder> tables) throws SQLException {
    Map<String, Builder> byName = new LinkedHashMap<>();
    tables.values().forEach(b -> byName.put(b.schema + "." + b.name, b));
    String sql =
        "SELECT target_schema, target_table, file_name, count(*), max(id), sum(rows_inserted) FROM datamapper.imports "
            + "WHERE status = 'succeeded' AND NOT dry_run GROUP BY 1, 2, 3 ORDER BY 5 DESC";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Builder b = byName.get(rs.getString(1) + "." + rs.getString(2));
        if (b == null) continue;
        b.fileCount++;
        if (b.files.size() < FILES_PER_TABLE) {
          long n = rs.getLong(4);
          b.files.add(
              rs.getString(3)
                  + " ("
                  + (n == 1 ? "import #" + rs.getLong(5) : n + " imports, last #" + rs.getLong(5))
                  + ", "
                  + String.format("%,d", rs.getLong(6))
                  + " rows)");
        }
      }
    }
    for (Builder b : tables.values()) {
      if (b.fileCount > b.files.size())
        b.files.add("and " + (b.fileCount - b.files.size()) + " more files");
    }
  }

  private static void counts(Connection c, Map<Long, Builder> tables) throws SQLException {
    int counted = 0;
    for (Builder b : tables.values()) {
      if (b.rows != -2) continue;
      if (counted++ >= MAX_COUNTS) {
        b.rows = -1;
        continue;
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT count(*) FROM " + quote(b.schema) + "." + quote(b.name))) {
        rs.next();
        b.rows = rs.getLong(1);
      } catch (SQLException e) {
        b.rows = -1;
      }
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static final class Builder {
    final String schema;
    final String name;
    final String kind;
    long rows;
    int fileCount;
    final List<TableSchema.Column> columns = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<String> foreignKeys = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    Builder(String schema, String name, String kind, long rows) {
      this.schema = schema;
      this.name = name;
      this.kind = kind;
      this.rows = rows;
    }

    TableSchema build() {
      return new TableSchema(
          schema, name, kind, rows < 0 ? -1 : rows, columns, keys, foreignKeys, files);
    }
  }
}
