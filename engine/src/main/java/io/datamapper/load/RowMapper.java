package io.datamapper.load;

import io.datamapper.coerce.CoercionException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.PatternTimeoutException;
import io.datamapper.mapping.Transform;
import java.time.Duration;
import java.util.List;

/**
 * Turns a raw record into typed values: picks each column's field, applies the transform steps, the
 * default, the nullability rule and the type parser. A {@code replace} step runs with the time
 * budget of {@link ReadLimits#maxRegexTime()}, and a value the steps make longer than {@link
 * ReadLimits#maxValueChars()} is refused: both reject the row, they do not stop the import. Columns
 * computed by expressions, and the row filter, are evaluated after the others ({@link
 * RowExpressions}); a mapping without them never touches CEL. Not thread-safe (reuses its last
 * problem); create one per loading thread.
 */
final class RowMapper {
  private final LoadPlan.Bound[] columns;
  private final Transform[][] transforms;
  private final Duration regexBudget;
  private final int maxValue;

  /**
   * The columns read from the file, by index; computed columns are filled by {@link #expressions}.
   */
  private final int[] direct;

  private final RowExpressions expressions;
  private RowProblem problem;
  private boolean filtered;

  RowMapper(LoadPlan plan) {
    this(plan, ReadLimits.DEFAULT);
  }

  RowMapper(LoadPlan plan, ReadLimits limits) {
    this(plan, limits, List.of());
  }

  /** {@code fields}: the file's fields, for {@code src["Field"]} in expressions. */
  RowMapper(LoadPlan plan, ReadLimits limits, List<String> fields) {
    this.regexBudget = limits.maxRegexTime();
    this.maxValue = limits.maxValueChars();
    this.columns = plan.columns().toArray(LoadPlan.Bound[]::new);
    this.transforms = new Transform[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      List<Transform> steps = columns[i].spec().transforms();
      transforms[i] = steps.toArray(Transform[]::new);
    }
    this.direct =
        java.util.stream.IntStream.range(0, columns.length)
            .filter(i -> !columns[i].spec().computed() && !columns[i].spec().lookedUp())
            .toArray();
    this.expressions =
        plan.programs() == null
            ? null
            : new RowExpressions(columns, plan.programs(), fields, maxValue);
  }

  /**
   * Fills {@code out} with the typed values of {@code record}; returns false and keeps the reason
   * in {@link #problem()} when a value cannot be loaded, or with {@link #filtered()} when the row
   * filter leaves the row out.
   */
  boolean map(RawRecord record, Object[] out) {
    filtered = false;
    if (record.problem() != null) {
      return refuse(record, null, null, record.problem(), RowProblem.MALFORMED_RECORD);
    }
    String[] values = record.values();
    for (int i : direct) {
      LoadPlan.Bound col = columns[i];
      String raw = col.sourceIndex() < 0 ? null : values[col.sourceIndex()];
      String value = raw;
      try {
        for (Transform t : transforms[i])
          value =
              t instanceof Transform.Replace r
                  ? r.apply(value, regexBudget, maxValue)
                  : t.apply(value);
      } catch (PatternTimeoutException e) {
        return refuse(record, col, raw, e.getMessage(), RowProblem.BAD_VALUE);
      }
      if (value != null && value.length() > maxValue) {
        return refuse(
            record,
            col,
            raw,
            "is "
                + Sizes.count(value.length())
                + " characters long, more than the limit for a value, "
                + Sizes.bytes(maxValue)
                + " (datamapper.limits.max-value-size)",
            RowProblem.BAD_VALUE);
      }
      // an empty string is no value for any type but text: a quoted "" (which the CSV reader keeps
      // as "")
      // in a number or date column means the same as an empty field, and no parser could read it
      if (value != null && value.isEmpty() && !(col.type() instanceof ColumnType.Text))
        value = null;
      if (value == null) {
        if (col.defaultValue() != null) {
          out[i] = col.defaultValue();
          continue;
        }
        if (col.required()) {
          return refuse(
              record,
              col,
              raw,
              col.key()
                  ? "is empty, but it is part of the key"
                  : "is empty, but the column is required (nullable: false)",
              RowProblem.MISSING_VALUE);
        }
        out[i] = null;
        continue;
      }
      try {
        out[i] = col.parser().parse(value);
      } catch (CoercionException e) {
        String reason = e.getMessage();
        if (!col.type().equals(col.spec().type())) {
          // the existing table's type won over the mapping's: say so, or the refusal is a riddle
          reason +=
              " (the table's column is "
                  + col.type().spelling()
                  + "; the mapping says "
                  + col.spec().type().spelling()
                  + ")";
        }
        return refuse(record, col, value, reason, RowProblem.BAD_VALUE);
      }
    }
    if (expressions != null && !expressions.apply(record, out)) {
      filtered = expressions.filtered();
      problem = filtered ? null : expressions.problem();
      return false;
    }
    return true;
  }

  /**
   * Keeps why the row is refused for {@link #problem()}; false, what {@link #map} returns then.
   * {@code col} is null when the record itself is broken.
   */
  private boolean refuse(
      RawRecord record, LoadPlan.Bound col, String value, String reason, String code) {
    String column = col == null ? null : col.spec().name();
    String field = col == null ? null : col.sourceField();
    problem = new RowProblem(record.number(), record.line(), column, field, value, reason, code);
    return false;
  }

  RowProblem problem() {
    return problem;
  }

  /** Whether the last {@link #map} returned false because the row filter left the row out. */
  boolean filtered() {
    return filtered;
  }

  int width() {
    return columns.length;
  }
}
