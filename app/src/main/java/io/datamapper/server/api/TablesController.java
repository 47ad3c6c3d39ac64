package io.datamapper.server.api;

import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.tables.RowPage;
import io.datamapper.tables.RowQuery;
import io.datamapper.tables.TableDefinition;
import io.datamapper.tables.TableStats;
import io.datamapper.tables.Tables;
import io.datamapper.tables.Tables.TableInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
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
  private final Tables tables;
  private final RowQuery rows;

  TablesController(ReadConnections reads) {
    this.tables = new Tables(reads.dataSource());
    this.rows = new RowQuery(reads.dataSource());
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
  RowPage rows(
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
  TableDefinition schema(@PathVariable String name) {
    return rows.definition(rows.locate(name));
  }

  @Operation(
      summary = "Statistics of a table",
      description = "Rows, size on disk and the imports that loaded it.")
  @GetMapping("/tables/{name}/stats")
  TableStats stats(@PathVariable String name) {
    return rows.stats(rows.locate(name));
  }
}
