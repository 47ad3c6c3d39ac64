package io.datamapper.load;

import io.datamapper.format.Sizes;

/**
 * Why one record was not loaded: where it is ({@code line} 0 when unknown), the target column and
 * source field, the value, the reason, and a short stable code for the kind of problem (one of the
 * constants here). The value is kept as messages, problem details and the reject store show it: at
 * most {@value io.datamapper.format.Sizes#SHOWN_CHARS} characters, then {@code … (N characters)}; a
 * reason at most {@value #REASON_CHARS} (some quote the value). Immutable.
 */
public record RowProblem(
    long record,
    long line,
    String column,
    String sourceField,
    String value,
    String reason,
    String code) {
  /** The longest reason kept. */
  static final int REASON_CHARS = 1000;

  public RowProblem {
    value = Sizes.shorten(value);
    reason = Sizes.shorten(reason, REASON_CHARS);
    column = Sizes.shorten(column, REASON_CHARS);
    sourceField = Sizes.shorten(sourceField, REASON_CHARS);
  }

  /** The value cannot be read as the column's type. */
  public static final String BAD_VALUE = "bad-value";

  /** A required or key column is empty. */
  public static final String MISSING_VALUE = "missing-value";

  /** The record itself is broken (wrong number of fields, say). */
  public static final String MALFORMED_RECORD = "malformed-record";

  /**
   * A mapping expression or the row filter failed on this row (division by zero, overflow, a null
   * where a value is needed).
   */
  public static final String BAD_EXPRESSION = "bad-expression";

  /** A lookup found no row of the looked-up table for this row's match values. */
  public static final String LOOKUP_MISSING = "lookup-missing";

  /** PostgreSQL cannot store the value (text with a lone surrogate, say). */
  public static final String UNSTORABLE_VALUE = "unstorable-value";

  /** {@code line 12 (record 11), column 'amount' (field "Amount"): value 'abc' is not a number}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (line > 0) sb.append("line ").append(line).append(" (record ").append(record).append(")");
    else sb.append("record ").append(record);
    if (column != null) {
      sb.append(", column '").append(column).append("'");
      if (sourceField != null && !sourceField.equals(column))
        sb.append(" (field \"").append(sourceField).append("\")");
    }
    sb.append(column == null && value == null ? " " : ": ");
    if (value != null) sb.append("value '").append(shorten(value)).append("' ");
    sb.append(reason);
    return sb.toString();
  }

  static String shorten(String v) {
    String oneLine = v.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
  }
}
