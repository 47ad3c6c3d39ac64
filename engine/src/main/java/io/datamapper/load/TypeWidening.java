package io.datamapper.load;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Widens a detected column type that a value breaks: integer → bigint → numeric → text, any other
 * type (date, time, boolean, uuid, ...) → text. Detection types from a sample; a value past it (a
 * decimal in an integer column, {@code n/a} in a date column) would otherwise reject its row. Only
 * for imports whose types are detected ({@link ImportRequest#widenTypes()}) into a table they
 * create: an existing table's types are the user's. Stateless.
 */
final class TypeWidening {
  /** Restarts allowed per import; each widens one column at least one step. */
  static final int MAX_WIDENINGS = 12;

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

  private TypeWidening() {}

  /** The type {@code value} fits that is wider than {@code type}; null when none is (text). */
  static ColumnType wider(ColumnType type, String value) {
    String v = value == null ? "" : value.strip();
    return switch (type) {
      case ColumnType.Text t -> null;
      case ColumnType.Int i ->
          INTEGER.matcher(v).matches()
              ? ColumnType.BIGINT
              : DECIMAL.matcher(v).matches() ? ColumnType.NUMERIC : ColumnType.TEXT;
      case ColumnType.BigInt b ->
          DECIMAL.matcher(v).matches() ? ColumnType.NUMERIC : ColumnType.TEXT;
      default -> ColumnType.TEXT;
    };
  }

  /**
   * The wider type for the column a bad value broke, or null when it cannot widen (computed,
   * already text, unknown).
   */
  static ColumnType forProblem(Mapping mapping, RowProblem problem) {
    if (!RowProblem.BAD_VALUE.equals(problem.code()) || problem.column() == null) return null;
    for (ColumnSpec c : mapping.columns()) {
      if (c.name().equals(problem.column()) && !c.computed())
        return wider(c.type(), problem.value());
    }
    return null;
  }

  /**
   * {@code mapping} with {@code column} of type {@code to}; a text column keeps its transforms and
   * loses its parse format.
   */
  static Mapping widen(Mapping mapping, String column, ColumnType to) {
    List<ColumnSpec> columns = new ArrayList<>(mapping.columns().size());
    for (ColumnSpec c : mapping.columns()) {
      if (!c.name().equals(column)) {
        columns.add(c);
        continue;
      }
      boolean keepFormat = to instanceof ColumnType.Numeric || to instanceof ColumnType.BigInt;
      columns.add(
          new ColumnSpec(
              c.source(),
              c.name(),
              to,
              c.nullable(),
              c.defaultValue(),
              keepFormat ? c.format() : null,
              c.transforms(),
              c.expr()));
    }
    return new Mapping(
        mapping.source(),
        mapping.target(),
        columns,
        mapping.keys(),
        mapping.policies(),
        mapping.filter());
  }

  /** Thrown by a run that met a value its detected column type cannot hold: restart wider. */
  static final class Needed extends RuntimeException {
    final RowProblem problem;
    final ColumnType to;

    Needed(RowProblem problem, ColumnType to) {
      super(problem.describe(), null, false, false);
      this.problem = problem;
      this.to = to;
    }

    String note(ColumnType from) {
      return "column '"
          + problem.column()
          + "' widened from "
          + from.spelling()
          + " to "
          + to.spelling()
          + ": its detected type cannot hold "
          + problem.describe()
          + " (the import ran again with the wider type)";
    }
  }
}
