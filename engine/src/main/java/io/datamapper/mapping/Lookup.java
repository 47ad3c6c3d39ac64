package io.datamapper.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column's value looked up in an existing table (mapping v2): the row of {@code schema.table}
 * whose {@code match} columns equal this file's source fields ({@code match} maps the looked-up
 * table's column to the source field, in mapping order), and its {@code returns} column. {@code
 * schema} is null when the mapping names none: the target's schema is meant. What happens when no
 * row matches is {@code missing}. Resolved in SQL over the whole file, after the rows are staged.
 * Immutable.
 */
public record Lookup(
    String schema, String table, Map<String, String> match, String returns, Missing missing) {

  /** What a lookup does when no row of the table matches. */
  public enum Missing {
    /** The row is rejected with code {@code lookup-missing}. */
    REJECT,
    /** The column is NULL. */
    NULL,
    /** The missing match values are inserted into the looked-up table and its key is used. */
    INSERT
  }

  public Lookup {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(returns, "returns");
    match = Collections.unmodifiableMap(new LinkedHashMap<>(match));
    missing = missing == null ? Missing.REJECT : missing;
  }

  /** The looked-up table's schema: its own, or {@code fallback} (the target's). */
  public String schemaOr(String fallback) {
    return schema == null ? fallback : schema;
  }
}
