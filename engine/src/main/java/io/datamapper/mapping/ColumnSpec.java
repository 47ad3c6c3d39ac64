package io.datamapper.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One target column: the source field it reads ({@code null} for a column filled only by its
 * default), its name and type, whether it may be null, a default used when the value is null, a
 * parse format (date pattern, or for booleans {@code "yes|no"} true/false tokens, or for numbers a
 * decimal/thousands pair such as {@code ",."}), and the transformation steps applied before
 * coercion. {@code expr} (mapping v2) is a CEL expression computing the value from the row's other
 * columns instead of a source field; such a column has no source and no transforms. {@code lookup}
 * (mapping v2) fills the column from another table instead; such a column has no source, transforms
 * or default either, and expressions do not see it. Immutable.
 */
public record ColumnSpec(
    String source,
    String name,
    ColumnType type,
    boolean nullable,
    String defaultValue,
    String format,
    List<Transform> transforms,
    String expr,
    Lookup lookup) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
  }

  /** A column read from a source field or computed by an expression. */
  public ColumnSpec(
      String source,
      String name,
      ColumnType type,
      boolean nullable,
      String defaultValue,
      String format,
      List<Transform> transforms,
      String expr) {
    this(source, name, type, nullable, defaultValue, format, transforms, expr, null);
  }

  /** A column read from a source field (mapping v1). */
  public ColumnSpec(
      String source,
      String name,
      ColumnType type,
      boolean nullable,
      String defaultValue,
      String format,
      List<Transform> transforms) {
    this(source, name, type, nullable, defaultValue, format, transforms, null);
  }

  /** Whether a lookup in another table fills this column (resolved in SQL, after staging). */
  public boolean lookedUp() {
    return lookup != null;
  }

  /** Whether an expression computes this column. */
  public boolean computed() {
    return expr != null;
  }

  public static ColumnSpec of(String source, String name, ColumnType type) {
    return new ColumnSpec(source, name, type, true, null, null, List.of());
  }
}
