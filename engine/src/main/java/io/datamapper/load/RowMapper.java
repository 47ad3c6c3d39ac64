package io.datamapper.load;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueSink;
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
    return fill(record, out, null);
  }

  /**
   * Whether {@link #encode} can take this plan's rows: every column comes from the file, and no
   * expression or filter needs the row's values.
   */
  boolean encodes() {
    return expressions == null && direct.length == columns.length;
  }

  /**
   * As {@link #map}, but hands each column's value to {@code sink} (the COPY encoder's current row)
   * in its primitive form instead of building it; only where {@link #encodes()}. A value the sink
   * cannot store refuses the row as {@link RowProblem#UNSTORABLE_VALUE}, unless a later column
   * refuses it for a reason of its own: the same precedence as mapping the whole row first and
   * encoding it afterwards. After false the sink holds a partial row for the caller to drop.
   */
  boolean encode(RawRecord record, ValueSink sink) {
    return fill(record, null, sink);
  }

  /** {@link #map} into {@code out}, or {@link #encode} into {@code sink} when it is not null. */
  private boolean fill(RawRecord record, Object[] out, ValueSink sink) {
    filtered = false;
    if (record.problem() != null) {
      return refuse(record, null, null, record.problem(), RowProblem.MALFORMED_RECORD);
    }
    String[] values = record.values();
    RowProblem unstorable = null; // the first value the sink could not store
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
          if (sink == null) {
            out[i] = col.defaultValue();
          } else if (unstorable == null) {
            unstorable = store(record, col, sink, col.defaultValue());
          }
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
        if (sink == null) out[i] = null;
        else if (unstorable == null) unstorable = store(record, col, sink, null);
        continue;
      }
      try {
        if (sink == null) {
          out[i] = col.parser().parse(value);
        } else if (unstorable != null) {
          col.parser().parse(value); // only whether it would refuse the row
        } else {
          try {
            col.parser().parseTo(value, sink);
          } catch (IllegalArgumentException e) {
            unstorable = unstorable(record, col, e);
          }
        }
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
    if (unstorable != null) {
      problem = unstorable;
      return false;
    }
    if (expressions != null && !expressions.apply(record, out)) {
      filtered = expressions.filtered();
      problem = filtered ? null : expressions.problem();
      return false;
    }
    return true;
  }

  /** Hands {@code value} to the sink; the problem when it cannot store it, else null. */
  private static RowProblem store(
      RawRecord record, LoadPlan.Bound col, ValueSink sink, Object value) {
    try {
      sink.value(value);
      return null;
    } catch (IllegalArgumentException e) {
      return unstorable(record, col, e);
    }
  }

  private static RowProblem unstorable(
      RawRecord record, LoadPlan.Bound col, IllegalArgumentException e) {
    return new RowProblem(
        record.number(),
        record.line(),
        col.spec().name(),
        col.sourceField(),
        null,
        e.getMessage(),
        RowProblem.UNSTORABLE_VALUE);
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
