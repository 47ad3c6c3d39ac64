package io.datamapper.mapping;

import java.util.Objects;

/**
 * Target table: schema (default {@code public}), table, create when missing, load mode. Immutable.
 */
public record TargetSpec(String schema, String table, boolean create, LoadMode mode) {
  public TargetSpec {
    schema = schema == null || schema.isBlank() ? "public" : schema;
    Objects.requireNonNull(table, "table");
    mode = mode == null ? LoadMode.APPEND : mode;
  }

  public String qualifiedName() {
    return schema + "." + table;
  }
}
