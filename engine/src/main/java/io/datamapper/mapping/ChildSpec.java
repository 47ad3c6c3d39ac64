package io.datamapper.mapping;

import java.util.List;
import java.util.Objects;

/**
 * Mapping v2: an array of objects inside each record, loaded into a child table. {@code path} is a
 * dotted path inside the record (or inside the parent element, for a child of a child) to the
 * array; each element becomes one row of {@code table} (a table in the parent's schema) with the
 * parent's key columns, {@code _position} (1-based) and {@code columns} read from the element.
 * {@code children} nest again. Immutable.
 */
public record ChildSpec(
    String path, String table, List<ColumnSpec> columns, List<ChildSpec> children) {
  /** The 1-based position of an element in its array. */
  public static final String POSITION = "_position";

  public ChildSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    children = children == null ? List.of() : List.copyOf(children);
  }

  /**
   * The name this level's {@code _position} takes in the tables of its own children, next to the
   * inherited keys: {@code order_items_position}.
   */
  public String positionColumn() {
    return table + POSITION;
  }
}
