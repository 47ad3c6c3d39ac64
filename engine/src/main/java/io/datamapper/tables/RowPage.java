package io.datamapper.tables;

import java.util.List;

/**
 * A page of a table's rows, values as PostgreSQL prints them.
 *
 * @param table the qualified table name
 * @param columns the column names, in table order
 * @param rows the rows, each as many values as there are columns (null for SQL NULL)
 * @param total matching rows, counted up to {@link RowQuery#COUNT_CAP}
 * @param totalExact false when the count stopped at the cap
 * @param limit the page size asked for
 * @param offset the rows skipped
 */
public record RowPage(
    String table,
    List<String> columns,
    List<List<String>> rows,
    long total,
    boolean totalExact,
    int limit,
    long offset) {}
