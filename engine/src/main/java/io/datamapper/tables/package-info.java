/**
 * The user's tables, read-only: the list with row counts ({@link io.datamapper.tables.Tables}),
 * pages of rows sorted and filtered with every value a bind parameter, columns and statistics
 * ({@link io.datamapper.tables.RowQuery}).
 */
package io.datamapper.tables;
