package io.datamapper.format.csv;

/**
 * Thrown inside the parsers when a field or a record goes past a {@code ReadLimits} limit; {@link
 * CsvRecordReader} turns it into a message with the column's name. No stack trace: it is a verdict
 * on the file.
 */
final class OverLimit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** 0-based field index in the record, or -1 when the record as a whole is too long. */
  final int field;

  /** Line where the record starts. */
  final long line;

  OverLimit(int field, long line) {
    super(null, null, false, false);
    this.field = field;
    this.line = line;
  }
}
