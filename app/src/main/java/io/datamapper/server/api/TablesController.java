package io.datamapper.server.api;

import io.datamapper.db.SqlFailures;
import io.datamapper.mapping.Identifiers;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.tables.Tables;
import io.datamapper.tables.Tables.TableInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user's tables: list, rows (paged, sorted, filtered), schema and stats. Read-only: every query
 * runs in a read-only transaction under {@code datamapper.statement-timeout}.
 */
@RestController
@Requires(Role.READER)
class TablesController {
  /** As the engine's table list: exact counts up to 256 MB, the planner's estimate beyond. */
  private static final long EXACT_COUNT_BYTES = 256L << 20;

  private final Tables tables;
  private final RowQuery rows;
  private final DataSource dataSource;

  TablesController(ReadConnections reads) {
    this.dataSource = reads.dataSource();
    this.tables = new Tables(dataSource);
    this.rows = new RowQuery(dataSource);
  }

  @Operation(
      summary = "List tables",
      description = "User tables with row counts (exact up to 256 MB, estimated beyond) and sizes.")
  @GetMapping("/tables")
  List<TableInfo> list() {
    return tables.list();
  }

  @Operation(
      summary = "Rows of a table",
      description =
          "Paged (`limit` 1–1000, `offset`), sorted (`sort=col,-other`; without "
              + "it rows come in storage order) and filtered (`filter=col:op:value`, repeatable; op eq, ne, lt, le, gt, ge, like, ilike, "
              + "null, notnull). `total` counts matching rows up to 10,000 (`totalExact` false beyond; `/stats` has the full count).")
  @GetMapping("/tables/{name}")
  Map<String, Object> rows(
      @PathVariable String name,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") long offset,
      @Parameter(description = "columns to sort by; '-' for descending")
          @RequestParam(required = false)
          List<String> sort,
      @Parameter(description = "column:op:value") @RequestParam(required = false)
          List<String> filter) {
    if (limit < 1 || limit > 1000)
      throw ApiException.badRequest("limit must be between 1 and 1000, not " + limit);
    if (offset < 0) throw ApiException.badRequest("offset must not be negative");
    return rows.page(
        rows.locate(name),
        sort == null ? List.of() : sort,
        filter == null ? List.of() : filter,
        limit,
        offset);
  }

  @Operation(summary = "Columns of a table")
  @GetMapping("/tables/{name}/schema")
  Map<String, Object> schema(@PathVariable String name) {
    TableInfo t = rows.locate(name);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", t.qualifiedName());
    out.put("columns", rows.columns(t));
    return out;
  }

  @Operation(
      summary = "Statistics of a table",
      description = "Rows, size on disk and the imports that loaded it.")
  @GetMapping("/tables/{name}/stats")
  Map<String, Object> stats(@PathVariable String name) {
    TableInfo t = rows.locate(name);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", t.qualifiedName());
    String qualified = Identifiers.qualified(t.schema(), t.name());
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_total_relation_size(?::regclass), (SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass)")) {
      ps.setString(1, qualified);
      ps.setString(2, qualified);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long bytes = rs.getLong(1);
        boolean exact = bytes <= EXACT_COUNT_BYTES;
        long count = rs.getLong(2);
        if (exact) {
          try (PreparedStatement cnt = c.prepareStatement("SELECT count(*) FROM " + qualified);
              ResultSet r2 = cnt.executeQuery()) {
            r2.next();
            count = r2.getLong(1);
          }
        }
        out.put("rows", count);
        out.put("rowsExact", exact);
        out.put("bytes", bytes);
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("Cannot read " + t.qualifiedName(), e);
    }
    out.put("columns", rows.columns(t).size());
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'), "
            + "coalesce(sum(rows_inserted) FILTER (WHERE status = 'succeeded'), 0), max(started_at), "
            + "max(id) FILTER (WHERE status = 'succeeded') FROM datamapper.imports WHERE target_schema = ? AND target_table = ? AND NOT dry_run";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, t.schema());
      ps.setString(2, t.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Map<String, Object> imports = new LinkedHashMap<>();
        imports.put("total", rs.getLong(1));
        imports.put("succeeded", rs.getLong(2));
        imports.put("failed", rs.getLong(3));
        imports.put("rowsInserted", rs.getLong(4));
        imports.put("lastImportAt", rs.getObject(5, java.time.OffsetDateTime.class));
        imports.put("lastSucceededImportId", rs.getObject(6));
        out.put("imports", imports);
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
    return out;
  }
}
