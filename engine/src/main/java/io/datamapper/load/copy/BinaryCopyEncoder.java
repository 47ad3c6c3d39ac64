package io.datamapper.load.copy;

import io.datamapper.coerce.ValueParser;
import io.datamapper.coerce.ValueSink;
import io.datamapper.mapping.ColumnType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Encodes rows in PostgreSQL's binary COPY format ({@code COPY t FROM STDIN (FORMAT binary)}) into
 * a growable byte buffer, one column type per field. Values are those {@link ValueParser} produces;
 * each field is sent in the type's binary receive format, so the target columns must have exactly
 * these types ({@code integer} is not {@code bigint}, and array elements must be {@code text}, not
 * {@code varchar}).
 *
 * <p>Usage: {@link #header()}, then per row {@link #startRow()}, one {@link #write} or {@link
 * #writeNull()} per column, {@link #endRow()} (or {@link #writeRow}), finally {@link #trailer()}.
 * For a two-thread pipeline the encoding thread hands off full buffers and the writing thread gives
 * them back:
 *
 * <pre>{@code
 * // encoder thread                          // writer thread
 * enc.writeRow(values);                      CopyChunk c = queue.take();
 * if (enc.chunkReady())                      copyIn.writeToCopy(c.bytes(), 0, c.length());
 *   queue.put(enc.takeChunk());              enc.recycle(c);
 * }</pre>
 *
 * <p>Not thread-safe: one encoder per COPY stream, used by one thread, except {@link #recycle},
 * which any thread may call. When {@link #write} throws, the row is half written: call {@link
 * #abortRow()} to drop it ({@link #writeRow} does this itself).
 */
public final class BinaryCopyEncoder {
  /**
   * Large enough to amortise each {@code CopyIn.writeToCopy} call, small enough to keep several in
   * flight.
   */
  public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private final PgType[] types;
  private final PgType[] elementTypes;
  private final int chunkSize;
  private int failedField = -1;
  private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
  private final CopyBuffer out;
  int field = -1; // index of the next field in the current row, -1 outside a row
  private final FieldSink sink;
  private int rowStart;
  private long rows;

  /** An encoder with {@link #DEFAULT_CHUNK_SIZE}. */
  BinaryCopyEncoder(List<ColumnType> columns) {
    this(columns, DEFAULT_CHUNK_SIZE);
  }

  /**
   * @param columns the target column types in COPY column order; not empty, no nulls
   * @param chunkSize the size at which {@link #chunkReady()} turns true; buffers start a little
   *     larger so a row rarely makes them grow
   */
  BinaryCopyEncoder(List<ColumnType> columns, int chunkSize) {
    this(columns, chunkSize, Integer.MAX_VALUE - 16);
  }

  /**
   * As {@link #BinaryCopyEncoder(List, int)}; the buffer never grows past {@code maxBufferBytes} (a
   * row that would is refused with an {@link IllegalArgumentException}), and a buffer that grew
   * past the chunk size for one big row is not kept for reuse.
   */
  public BinaryCopyEncoder(List<ColumnType> columns, int chunkSize, long maxBufferBytes) {
    List<ColumnType> cols = List.copyOf(columns);
    if (cols.isEmpty() || cols.size() > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "COPY needs 1 to " + Short.MAX_VALUE + " columns, not " + cols.size());
    }
    if (chunkSize < 64)
      throw new IllegalArgumentException("chunk size " + chunkSize + " is too small");
    this.types = new PgType[cols.size()];
    this.elementTypes = new PgType[cols.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = PgType.of(cols.get(i));
      if (cols.get(i) instanceof ColumnType.ArrayOf a) elementTypes[i] = PgType.of(a.element());
    }
    this.chunkSize = chunkSize;
    this.out = new CopyBuffer(chunkSize + chunkSize / 8, maxBufferBytes);
    this.sink = new FieldSink(this, out);
  }

  /** Writes the 19-byte file header; call once, first. */
  public void header() {
    requireOutsideRow("header()");
    out.put(SIGNATURE);
    out.ensure(8);
    out.putInt(0); // flags: no OIDs
    out.putInt(0); // header extension length
  }

  /** Writes the end-of-data marker; call once, last. */
  public void trailer() {
    requireOutsideRow("trailer()");
    out.ensure(2);
    out.putShort(-1);
  }

  /**
   * Writes each value it receives as the next column of the current row, straight from the
   * primitive {@link ValueParser#parseTo} hands it: the same bytes as {@link #write} of the value
   * {@link ValueParser#parse} returns. Between {@link #startRow()} and {@link #endRow()} it may be
   * mixed freely with {@link #write}. Same thread and refusals as {@link #write}.
   */
  public ValueSink fields() {
    return sink;
  }

  /** Starts a row; exactly one value per column must follow. */
  public void startRow() {
    requireOutsideRow("startRow()");
    rowStart = out.pos;
    out.ensure(2);
    out.putShort(types.length);
    field = 0;
  }

  /** Writes SQL {@code NULL} for the next column. */
  void writeNull() {
    nextField();
    out.ensure(4);
    out.putInt(-1);
    field++;
  }

  /**
   * Writes the next column's value; {@code null} means SQL {@code NULL}.
   *
   * @throws IllegalArgumentException if the value's class does not fit the column type or the value
   *     is outside PostgreSQL's range (a bug: {@link ValueParser} never produces those)
   */
  public void write(Object value) {
    if (value == null) {
      writeNull();
      return;
    }
    nextField();
    out.field(types[field], elementTypes[field], value);
    field++;
  }

  /** Ends the row. @throws IllegalStateException unless every column got a value */
  public void endRow() {
    if (field != types.length) {
      throw new IllegalStateException(
          field < 0
              ? "endRow() without startRow()"
              : "row has " + field + " values but the COPY has " + types.length + " columns");
    }
    field = -1;
    rows++;
  }

  /** Drops the current row, if any, as if it had never been started. */
  public void abortRow() {
    if (field >= 0) {
      out.pos = rowStart;
      field = -1;
    }
  }

  /**
   * Writes a whole row, one value per column; on failure the row is dropped and the exception
   * rethrown.
   */
  public void writeRow(Object[] values) {
    startRow();
    try {
      for (Object v : values) write(v);
      endRow();
    } catch (RuntimeException e) {
      failedField = field;
      abortRow();
      throw e;
    }
  }

  /**
   * Where the buffer ends now, outside a row: {@link #rewind} drops what was written after it (the
   * rows of one parent record that must be loaded whole or not at all). Valid until the next {@link
   * #takeChunk}.
   */
  public int mark() {
    requireOutsideRow("mark()");
    return out.pos;
  }

  /** Drops everything written since {@code mark}, outside a row. */
  public void rewind(int mark) {
    abortRow();
    if (mark < 0 || mark > out.pos) throw new IllegalArgumentException("no such mark: " + mark);
    out.pos = mark;
  }

  /** The 0-based column at which the last {@link #writeRow} failed, or -1. */
  public int failedField() {
    return failedField;
  }

  /** Number of rows ended since construction. */
  long rows() {
    return rows;
  }

  /** Bytes in the current buffer. */
  int size() {
    return out.pos;
  }

  /** The current buffer; bytes {@code [0, size())} are valid until the next call. */
  byte[] buffer() {
    return out.bytes;
  }

  /** Whether the buffer holds at least the chunk size and no partial row. */
  public boolean chunkReady() {
    return out.pos >= chunkSize && field < 0;
  }

  /** Empties the buffer, keeping its capacity. */
  void reset() {
    requireOutsideRow("reset()");
    out.pos = 0;
  }

  /** A right-sized copy of the buffer's contents; for tests and small loads. */
  byte[] toByteArray() {
    return Arrays.copyOf(out.bytes, out.pos);
  }

  /**
   * Hands the filled buffer over without copying and continues in a recycled or new one. The caller
   * owns the chunk until it passes it to {@link #recycle}.
   */
  public CopyChunk takeChunk() {
    requireOutsideRow("takeChunk()");
    CopyChunk chunk = new CopyChunk(out.bytes, out.pos);
    byte[] next = spare.poll();
    out.bytes = next != null ? next : new byte[chunkSize + chunkSize / 8];
    out.pos = 0;
    return chunk;
  }

  /** Gives a chunk's buffer back for reuse. Thread-safe. */
  public void recycle(CopyChunk chunk) {
    int n = chunk.bytes().length;
    // a buffer grown for one big row goes back to the GC: kept, it would hold that memory for the
    // whole import
    if (n >= chunkSize && n <= chunkSize + chunkSize / 8 && spare.size() < 8)
      spare.offer(chunk.bytes());
  }

  /** The type of the next column. @throws IllegalStateException outside a row or past its end */
  PgType nextType() {
    nextField();
    return types[field];
  }

  /** Checks that the next column has {@code type}; {@code what} names the value offered. */
  void next(PgType type, String what) {
    nextField();
    if (types[field] != type) {
      throw new IllegalArgumentException(
          "a " + types[field].name().toLowerCase() + " column cannot take a " + what + " value");
    }
  }

  private void nextField() {
    if (field < 0) throw new IllegalStateException("write outside a row: call startRow() first");
    if (field >= types.length)
      throw new IllegalStateException("row has more values than the " + types.length + " columns");
  }

  private void requireOutsideRow(String call) {
    if (field >= 0)
      throw new IllegalStateException(call + " inside a row: call endRow() or abortRow() first");
  }
}
