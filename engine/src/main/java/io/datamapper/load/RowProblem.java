package io.datamapper.load;

/**
 * Why one record was not loaded: where it is ({@code line} 0 when unknown), the target
 * column and source field, the value and the reason. Immutable.
 */
public record RowProblem(long record, long line, String column, String sourceField, String value, String reason, String raw) {

  /** {@code line 12 (record 11), column 'amount' (field "Amount"): value 'abc' is not a number}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (line > 0) sb.append("line ").append(line).append(" (record ").append(record).append(")");
    else sb.append("record ").append(record);
    if (column != null) {
      sb.append(", column '").append(column).append("'");
      if (sourceField != null && !sourceField.equals(column)) sb.append(" (field \"").append(sourceField).append("\")");
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
