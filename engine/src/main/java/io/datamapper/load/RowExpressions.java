package io.datamapper.load;

import io.datamapper.coerce.CoercionException;
import io.datamapper.expr.Compiled;
import io.datamapper.expr.Programs;
import io.datamapper.expr.RowScope;
import io.datamapper.format.RawRecord;
import io.datamapper.format.Sizes;
import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression half of a row: after the columns read from the file are coerced, the filter
 * decides whether the row stays, then each computed column is evaluated and its value fitted to the
 * column's type. A failure is a {@link RowProblem#BAD_EXPRESSION} problem of that row. Not
 * thread-safe (one per {@link RowMapper}).
 */
final class RowExpressions {
  private final LoadPlan.Bound[] columns;
  private final Compiled filter;
  private final int[] computed;
  private final Compiled[] programs;
  private final RowScope scope;
  private final int maxValue;
  private RowProblem problem;
  private boolean filtered;

  RowExpressions(LoadPlan.Bound[] columns, Programs programs, List<String> fields, int maxValue) {
    this.columns = columns;
    this.filter = programs.filter();
    this.programs = programs.columns();
    this.maxValue = maxValue;
    List<String> names = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      boolean isComputed = this.programs[i] != null;
      names.add(isComputed ? null : columns[i].spec().name());
      if (isComputed) idx.add(i);
    }
    this.computed = idx.stream().mapToInt(Integer::intValue).toArray();
    this.scope = new RowScope(names, fields);
  }

  /**
   * Filters and computes {@code out}'s expression columns; false with {@link #filtered()} or a
   * {@link #problem()}.
   */
  boolean apply(RawRecord record, Object[] out) {
    filtered = false;
    scope.row(out, record.values());
    if (filter != null) {
      Object keep;
      try {
        keep = filter.eval(scope);
      } catch (Compiled.EvaluationException e) {
        return refuse(record, null, e.getMessage(), RowProblem.BAD_EXPRESSION);
      }
      if (!Boolean.TRUE.equals(keep)) {
        // false or null: the row is left out on purpose, counted, not rejected
        filtered = true;
        return false;
      }
    }
    for (int i : computed) {
      LoadPlan.Bound col = columns[i];
      Object value;
      try {
        value = fit(programs[i].eval(scope), col);
      } catch (Compiled.EvaluationException e) {
        return refuse(record, col, e.getMessage(), RowProblem.BAD_EXPRESSION);
      } catch (CoercionException e) {
        return refuse(
            record,
            col,
            "expression \""
                + col.spec().expr()
                + "\" gives a value the column cannot take: "
                + e.getMessage(),
            RowProblem.BAD_EXPRESSION);
      }
      if (value == null) {
        if (col.defaultValue() != null) {
          value = col.defaultValue();
        } else if (col.required()) {
          return refuse(
              record,
              col,
              "expression \"" + col.spec().expr() + "\" gives null, but the column is required",
              RowProblem.MISSING_VALUE);
        }
      }
      out[i] = value;
    }
    return true;
  }

  /**
   * Keeps why the row is refused for {@link #problem()}; false, what {@link #apply} returns then.
   * {@code col} is null when the row filter failed.
   */
  private boolean refuse(RawRecord record, LoadPlan.Bound col, String reason, String code) {
    String column = col == null ? null : col.spec().name();
    problem = new RowProblem(record.number(), record.line(), column, null, null, reason, code);
    return false;
  }

  /** A CEL result as the value the column is loaded with; null stays null. */
  private Object fit(Object v, LoadPlan.Bound col) {
    if (v == null) return null;
    ColumnType type = col.type();
    return switch (type) {
      case ColumnType.BigInt b when v instanceof Long l -> l;
      case ColumnType.Int i when v instanceof Long l -> {
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)
          throw new CoercionException(l + " is out of range for integer");
        yield l.intValue();
      }
      case ColumnType.Bool b when v instanceof Boolean x -> x;
      case ColumnType.DoubleType d when v instanceof Number n -> n.doubleValue();
      case ColumnType.Numeric n when v instanceof Double d -> {
        if (d.isNaN() || d.isInfinite())
          throw new CoercionException(d + " is not a number a numeric column can hold");
        yield col.parser().parse(BigDecimal.valueOf(d).toPlainString());
      }
      case ColumnType.Date d when v instanceof Instant t ->
          col.parser().parse(LocalDate.ofInstant(t, ZoneOffset.UTC).toString());
      case ColumnType.Timestamp d when v instanceof Instant t ->
          col.parser().parse(LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString());
      case ColumnType.TimestampTz d when v instanceof Instant t -> col.parser().parse(t.toString());
      default -> {
        String text = v instanceof String s ? s : String.valueOf(v);
        if (text.length() > maxValue) {
          throw new CoercionException(
              "is "
                  + Sizes.count(text.length())
                  + " characters long, more than the limit for a value, "
                  + Sizes.bytes(maxValue)
                  + " (datamapper.limits.max-value-size)");
        }
        yield col.parser().parse(text);
      }
    };
  }

  RowProblem problem() {
    return problem;
  }

  boolean filtered() {
    return filtered;
  }
}
