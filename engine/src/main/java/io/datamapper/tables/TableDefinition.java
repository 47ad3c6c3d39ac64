package io.datamapper.tables;

import java.util.List;

/**
 * A table's columns.
 *
 * @param table the qualified table name
 * @param columns the columns, in table order
 */
public record TableDefinition(String table, List<Column> columns) {}
