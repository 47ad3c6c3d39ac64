package io.datamapper.format;

/**
 * One record as read from a file, before mapping: its 1-based record number (data rows only), the
 * 1-based line (or row) where it starts, and its field values in the order of {@link
 * RecordReader#fields()} ({@code null} = absent or a null token). {@code problem} is set when the
 * record itself is malformed in a way that spoils only this record (a CSV row with the wrong number
 * of fields): the loader rejects it like a bad value, and {@code values} then hold the fields as
 * read. The array is owned by the record; do not modify it.
 */
public record RawRecord(long number, long line, String[] values, String problem) {
  public RawRecord(long number, long line, String[] values) {
    this(number, line, values, null);
  }
}
