package io.datamapper.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams the records of one source file. Not thread-safe: one thread reads. Errors in the file
 * surface as {@link BadFileException} naming the line or record.
 */
public interface RecordReader extends Closeable {

  /**
   * Names of the source fields, in the order of {@link RawRecord#values()}: the header for CSV and
   * Excel; for JSON and XML the fields of the first records (flattened, in order of first
   * appearance) followed by any requested field they lacked.
   */
  List<String> fields();

  /**
   * The fields the reader actually saw in the records it sampled; for JSON and XML this is {@link
   * #fields()} without the requested fields no sampled record had. Header formats return {@link
   * #fields()}.
   */
  default List<String> sampledFields() {
    return fields();
  }

  /** What reading did to records on the way (padded, cut), for the import summary. */
  default List<String> notes() {
    return List.of();
  }

  /**
   * Rows with data the reader passed over on purpose (such as Excel rows after {@code
   * excel.lastRow}), known once the reader reached the end; {@link #notes()} says why.
   */
  default long skipped() {
    return 0;
  }

  /** Why {@link #skipped()} rows were passed over; {@code null} when none were. */
  default String skippedReason() {
    return null;
  }

  /** The next record, or {@code null} at the end of the file. */
  RawRecord next() throws IOException;

  /**
   * Characters in the non-null values of the record {@link #next()} returned last, or -1 when the
   * reader does not count them (the caller then sums the lengths itself). Readers that see every
   * character anyway count them for free.
   */
  default long lastValueChars() {
    return -1;
  }

  /** The record as it was in the file (for the reject store); best effort. */
  String raw(RawRecord record);
}
