package io.datamapper.tables;

import io.datamapper.ledger.TableImports;

/**
 * A table's size and the imports that loaded it.
 *
 * @param table the qualified table name
 * @param rows the row count (exact up to 256 MB, the planner's estimate beyond)
 * @param rowsExact whether {@code rows} was counted
 * @param bytes the size on disk, indexes and TOAST included
 * @param columns how many columns it has
 * @param imports what the ledger knows of the imports into it
 */
public record TableStats(
    String table, long rows, boolean rowsExact, long bytes, int columns, TableImports imports) {}
