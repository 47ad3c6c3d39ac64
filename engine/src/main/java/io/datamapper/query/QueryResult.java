package io.datamapper.query;

import java.util.List;

/**
 * A question or statement answered: the SQL that ran, its columns (with PostgreSQL type names in
 * {@code types}), at most the cap of rows (numbers as numbers, booleans as booleans, everything
 * else as PostgreSQL prints it), whether more rows existed, how long it took from question to
 * answer, the model that wrote the SQL (null for plain SQL) and how many times it was asked (1, or
 * more after repairs; 0 for plain SQL). Immutable.
 */
public record QueryResult(
    String question,
    String sql,
    List<String> columns,
    List<String> types,
    List<List<Object>> rows,
    int rowCount,
    boolean truncated,
    long durationMs,
    String model,
    int attempts) {

  public QueryResult {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = List.copyOf(rows);
  }

  /** Whether column {@code i} holds numbers (for right-aligned display). */
  public boolean numeric(int i) {
    return Rows.isNumeric(types.get(i));
  }
}
