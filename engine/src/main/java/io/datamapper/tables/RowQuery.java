package io.datamapper.tables;

import io.datamapper.db.SqlFailures;
import io.datamapper.ledger.LedgerQueries;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.TableName;
import io.datamapper.tables.Tables.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Pages of a table's rows with sorting and filtering, built safely: column names are checked
 * against the catalog and quoted, types come from the catalog, and every user value is a bind
 * parameter. Nothing the caller sends is spliced into SQL as text. Used by the REST API and the web
 * UI's Tables page. A bad filter or sort is a {@link TableQueryException}, an unknown table a
 * {@link NoSuchTableException}. Thread-safe.
 */
public final class RowQuery {
  /** {@code column op value}; ops: eq, ne, lt, le, gt, ge, like, ilike, null, notnull. */
  record Filter(String column, String op, String value) {
    static Filter parse(String text) {
      String[] parts = text.split(":", 3);
      if (parts.length < 2) {
        throw new TableQueryException(
            "filter '"
                + text
                + "' must be column:op:value (op: eq, ne, lt, le, gt, ge, like, ilike) "
                + "or column:null / column:notnull");
      }
      return new Filter(parts[0], parts[1].toLowerCase(), parts.length > 2 ? parts[2] : null);
    }
  }

  /**
   * Matching rows are counted up to this many; beyond, {@code total} is this and {@code totalExact}
   * false.
   */
  public static final long COUNT_CAP = 10_000;

  private static final Map<String, String> OPS =
      Map.of("eq", "=", "ne", "<>", "lt", "<", "le", "<=", "gt", ">", "ge", ">=");

  private final DataSource dataSource;

  public RowQuery(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The table's columns, in table order. */
  public List<Column> columns(TableInfo table) {
    String sql =
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
            + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            + "WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped "
            + "ORDER BY a.attnum";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table.schema());
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        List<Column> out = new ArrayList<>();
        while (rs.next())
          out.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
        return out;
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("Cannot read the columns of " + table.qualifiedName(), e);
    }
  }

  /**
   * A page of matching rows, counted up to {@link #COUNT_CAP}. Without a sort the rows come in
   * storage order.
   */
  public RowPage page(
      TableInfo table, List<String> sort, List<String> filterTexts, int limit, long offset) {
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column c : columns(table)) byName.put(c.name(), c);
    StringBuilder where = new StringBuilder();
    List<String> params = new ArrayList<>();
    for (String text : filterTexts) {
      Filter f = Filter.parse(text);
      Column col = column(byName, f.column(), "filter");
      where.append(where.isEmpty() ? " WHERE " : " AND ");
      String ident = Identifiers.quote(col.name());
      switch (f.op()) {
        case "null" -> where.append(ident).append(" IS NULL");
        case "notnull" -> where.append(ident).append(" IS NOT NULL");
        case "like", "ilike" -> {
          where.append(ident).append("::text ").append(f.op().toUpperCase()).append(" ?");
          params.add(required(f));
        }
        default -> {
          String op = OPS.get(f.op());
          if (op == null)
            throw new TableQueryException(
                "filter '"
                    + text
                    + "': unknown op '"
                    + f.op()
                    + "' (use eq, ne, lt, le, gt, ge, like, ilike, null, notnull)");
          // the type comes from the catalog (format_type), never from the request
          where
              .append(ident)
              .append(' ')
              .append(op)
              .append(" CAST(? AS ")
              .append(col.type())
              .append(')');
          params.add(required(f));
        }
      }
    }
    StringBuilder order = new StringBuilder();
    for (String s : sort) {
      for (String part : s.split(",")) {
        if (part.isBlank()) continue;
        boolean desc = part.startsWith("-");
        Column col = column(byName, desc ? part.substring(1) : part, "sort");
        order
            .append(order.isEmpty() ? " ORDER BY " : ", ")
            .append(Identifiers.quote(col.name()))
            .append(desc ? " DESC" : " ASC");
      }
    }
    // without a sort, rows come in storage order: a page then costs its own rows, not a sort of
    // the whole table (stable while the table only grows, as imports make it)
    String from = " FROM " + Identifiers.qualified(table.schema(), table.name()) + where;
    // dataSource gives read-only transactions under the statement timeout (ReadConnections)
    try (Connection c = dataSource.getConnection()) {
      long total;
      // counting is capped so a page of a huge table does not scan all of it
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT count(*) FROM (SELECT 1" + from + " LIMIT " + COUNT_CAP + ") AS capped")) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT *" + from + order + " LIMIT ? OFFSET ?")) {
        bind(ps, params);
        ps.setInt(params.size() + 1, limit);
        ps.setLong(params.size() + 2, offset);
        try (ResultSet rs = ps.executeQuery()) {
          Tables.Page page = Tables.Page.read(rs);
          return new RowPage(
              table.qualifiedName(),
              page.columns(),
              page.rows(),
              total,
              total < COUNT_CAP,
              limit,
              offset);
        }
      }
    } catch (SQLException e) {
      if (e.getSQLState() != null
          && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("42"))) {
        // a filter value that is not of the column's type (22P02), a bad pattern, ...
        throw new TableQueryException(
            "The filter cannot be applied to " + table.qualifiedName() + ": " + e.getMessage());
      }
      throw SqlFailures.onInput("Cannot read " + table.qualifiedName(), e);
    }
  }

  private static String required(Filter f) {
    if (f.value() == null)
      throw new TableQueryException(
          "filter '" + f.column() + ":" + f.op() + "' needs a value: column:op:value");
    return f.value();
  }

  private static Column column(Map<String, Column> byName, String name, String what) {
    Column c = byName.get(name);
    if (c == null)
      throw new TableQueryException(
          what + ": there is no column '" + name + "'; the columns are " + byName.keySet());
    return c;
  }

  private static void bind(PreparedStatement ps, List<String> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
  }

  /**
   * The table without counting rows (cheap: one catalog query): a bare name is looked up in every
   * user schema, preferring public, as {@link Tables#find} does.
   *
   * @throws TableQueryException when {@code name} is not a table name
   * @throws NoSuchTableException when there is no such table
   */
  public TableInfo locate(String name) {
    TableName parsed;
    try {
      parsed = TableName.parse(name);
    } catch (IllegalArgumentException e) {
      throw new TableQueryException(e.getMessage());
    }
    String sql =
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND c.relname = ? AND (? IS NULL OR n.nspname = ?) "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'datamapper') AND n.nspname NOT LIKE 'pg_%' "
            + "ORDER BY n.nspname <> 'public', n.nspname LIMIT 1";
    String schema = parsed.schema();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, parsed.table());
      ps.setString(2, schema);
      ps.setString(3, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next())
          throw new NoSuchTableException(
              "There is no table '" + name + "'. GET /tables lists them.");
        return new TableInfo(rs.getString(1), rs.getString(2), -1, false, 0, false, 0);
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot look up table " + name, e);
    }
  }

  /** The table's columns with its qualified name. */
  public TableDefinition definition(TableInfo table) {
    return new TableDefinition(table.qualifiedName(), columns(table));
  }

  /**
   * The table's size, row count (exact up to 256 MB, the planner's estimate beyond), column count
   * and the ledger's account of the imports into it.
   */
  public TableStats stats(TableInfo table) {
    String qualified = Identifiers.qualified(table.schema(), table.name());
    long rows;
    boolean exact;
    long bytes;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_total_relation_size(?::regclass), (SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass)")) {
      ps.setString(1, qualified);
      ps.setString(2, qualified);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        bytes = rs.getLong(1);
        exact = bytes <= Tables.EXACT_COUNT_BYTES;
        rows = exact ? Tables.count(c, table.schema(), table.name()) : rs.getLong(2);
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("Cannot read " + table.qualifiedName(), e);
    }
    return new TableStats(
        table.qualifiedName(),
        rows,
        exact,
        bytes,
        columns(table).size(),
        new LedgerQueries(dataSource).tableImports(table.schema(), table.name()));
  }
}
