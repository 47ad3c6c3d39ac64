package io.datamapper.load;

import io.datamapper.db.ImportRole;
import io.datamapper.db.InternalSchemas;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Looks up and creates target tables. All identifiers are quoted. Stateless. */
final class TargetTable {

  /**
   * An existing column: its type as PostgreSQL prints it, NOT NULL, and whether it has a default.
   */
  record Column(String name, String type, boolean notNull, boolean hasDefault) {}

  private TargetTable() {}

  /**
   * Refuses, before anything is created, emptied or locked, a target in an internal schema (by its
   * name in any spelling, and through the catalog: the schema the quoted name resolves to) and a
   * name that is taken by something other than a table (a view, a sequence...).
   *
   * @throws MappingException naming the target and why
   */
  static void refuseUnusable(Connection c, TargetSpec target) throws SQLException {
    refuseInternalName(target);
    if (InternalSchemas.internalInCatalog(c, target.schema()).orElse(false)) {
      throw new MappingException(
          List.of(
              "target.schema: schema '"
                  + target.schema()
                  + "' is internal to PostgreSQL or Data Mapper "
                  + "and cannot be an import target; choose another schema"));
    }
    String sql =
        "SELECT t.relkind::text FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, target.schema());
      ps.setString(2, target.table());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && !List.of("r", "p").contains(rs.getString(1))) {
          throw new MappingException(
              List.of(
                  "target.table: "
                      + target.qualifiedName()
                      + " is "
                      + KINDS.getOrDefault(rs.getString(1), "not a table")
                      + ", not a table; Data Mapper imports into tables only"));
        }
      }
    }
  }

  /**
   * Refuses a target whose schema is internal by name (no database needed: before the ledger is
   * written).
   */
  static void refuseInternalName(TargetSpec target) {
    String problem = InternalSchemas.problem(target.schema());
    if (problem != null) throw new MappingException(List.of("target.schema: " + problem));
  }

  private static final Map<String, String> KINDS =
      Map.of(
          "v",
          "a view",
          "m",
          "a materialized view",
          "S",
          "a sequence",
          "f",
          "a foreign table",
          "i",
          "an index",
          "I",
          "an index",
          "c",
          "a composite type",
          "t",
          "a TOAST table");

  /** The table's columns in order, or empty when the table does not exist. */
  static Optional<Map<String, Column>> describe(Connection c, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef "
            + "FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE n.nspname = ? AND t.relname = ? AND t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Column> columns = new LinkedHashMap<>();
        while (rs.next()) {
          columns.put(
              rs.getString(1),
              new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
      }
    }
  }

  /**
   * Whether the table has a unique index on exactly {@code keys} (in any order, no predicate, no
   * expressions): what {@code INSERT ... ON CONFLICT (keys)} needs.
   */
  static boolean hasUniqueIndex(Connection c, String schema, String table, List<String> keys)
      throws SQLException {
    String sql =
        "SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL "
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
  static String addUniqueIndex(Connection c, String qualifiedTable, List<String> keys)
      throws SQLException {
    String ddl =
        "CREATE UNIQUE INDEX ON "
            + qualifiedTable
            + " ("
            + String.join(", ", keys.stream().map(Identifiers::quote).toList())
            + ")";
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    }
    return ddl;
  }

  /**
   * Creates the target's schema when it is missing, as the connecting user (the import role may not
   * create schemas), and lets {@code role} use it; returns the DDL, or null when the schema exists.
   * (Only when missing: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas in the
   * database even when the schema is there.)
   */
  static String createSchema(Connection c, String schema, ImportRole role) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return null;
      }
    }
    String ddl = "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    }
    role.grantSchemaIfMissing(c, schema);
    return ddl;
  }

  /** Creates the table with the mapping's columns plus {@code _import_id}; returns the DDL. */
  static String create(Connection c, TargetSpec target, List<ColumnSpec> columns)
      throws SQLException {
    StringBuilder ddl = new StringBuilder();
    ddl.append("CREATE TABLE ")
        .append(Identifiers.qualified(target.schema(), target.table()))
        .append(" (\n");
    for (ColumnSpec col : columns) {
      ddl.append("  ").append(Identifiers.quote(col.name())).append(' ').append(col.type().sql());
      if (!col.nullable()) ddl.append(" NOT NULL");
      ddl.append(",\n");
    }
    ddl.append("  ").append(Identifiers.quote(Identifiers.IMPORT_ID)).append(" bigint\n)");
    try (Statement s = c.createStatement()) {
      s.execute(ddl.toString());
      s.execute(
          "COMMENT ON COLUMN "
              + Identifiers.qualified(target.schema(), target.table())
              + "."
              + Identifiers.quote(Identifiers.IMPORT_ID)
              + " IS 'Data Mapper lineage: datamapper.imports.id of the import that loaded the row'");
    }
    return ddl.toString();
  }

  /**
   * The column type we can load into an existing column of PostgreSQL type {@code pgType}, or null.
   */
  static ColumnType typeOf(String pgType) {
    String t = pgType.toLowerCase(Locale.ROOT);
    if (t.startsWith("character varying")
        || t.startsWith("character(")
        || t.equals("character")
        || t.equals("name")) {
      return ColumnType.TEXT;
    }
    if (t.startsWith("timestamp") && t.contains("with time zone") && !t.contains("without"))
      return ColumnType.TIMESTAMPTZ;
    if (t.startsWith("timestamp")) return ColumnType.TIMESTAMP;
    if (t.startsWith("time") && !t.contains("with time zone")) return ColumnType.TIME;
    try {
      return ColumnType.parse(t.equals("json") ? "unsupported-json" : t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Refuses an existing table without a unique index on {@code keys}, which {@code rule} needs to
   * find duplicates in the table: the input's fault, with the statement that fixes it.
   */
  static void refuseWithoutUniqueIndex(
      Connection c, TargetSpec target, List<String> keys, Policies.DuplicateRow rule)
      throws SQLException {
    if (hasUniqueIndex(c, target.schema(), target.table(), keys)) return;
    String qualified = Identifiers.qualified(target.schema(), target.table());
    String cols = String.join(", ", keys.stream().map(Identifiers::quote).toList());
    throw new MappingException(
        List.of(
            "keys: "
                + qualified
                + " has no unique index on ("
                + cols
                + "), which policies.duplicateRow "
                + Policies.spell(rule)
                + " needs to find duplicates in the table; create one (CREATE UNIQUE INDEX ON "
                + qualified
                + " ("
                + cols
                + ")) or use duplicateRow keep"));
  }

  /** The plan's columns as the table is created: key columns NOT NULL. */
  static List<ColumnSpec> planned(LoadPlan plan, List<String> keys) {
    return plan.columns().stream()
        .map(
            b ->
                new ColumnSpec(
                    b.spec().source(),
                    b.spec().name(),
                    b.type(),
                    b.spec().nullable() && !keys.contains(b.spec().name()),
                    b.spec().defaultValue(),
                    b.spec().format(),
                    b.spec().transforms()))
        .toList();
  }
}
