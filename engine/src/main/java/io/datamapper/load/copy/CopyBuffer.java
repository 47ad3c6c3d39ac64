package io.datamapper.load.copy;

import io.datamapper.format.Sizes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A growable big-endian byte array and the binary send formats of the column types: each {@link
 * #field} writes the int32 length, then the value as PostgreSQL's receive function expects it. It
 * never grows past {@code maxCapacity} (derived from the record limit by the importer): a row that
 * would is refused with an {@link IllegalArgumentException}, which the importer turns into a
 * rejected row. Not thread-safe.
 */
final class CopyBuffer {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  byte[] bytes;
  int pos;
  private final long maxCapacity;

  CopyBuffer(int capacity) {
    this(capacity, Integer.MAX_VALUE - 16);
  }

  CopyBuffer(int capacity, long maxCapacity) {
    bytes = new byte[capacity];
    this.maxCapacity = Math.min(Integer.MAX_VALUE - 16, Math.max(capacity, maxCapacity));
  }

  /** Writes a length-prefixed non-null value; {@code element} is the element type of arrays. */
  void field(PgType type, PgType element, Object v) {
    switch (type) {
      case INT4 -> fixed4(PgValues.int4(v));
      case INT8 -> fixed8(PgValues.int8(v));
      case FLOAT8 -> fixed8(Double.doubleToLongBits(PgValues.float8(v)));
      case BOOL -> bool(PgValues.bool(v));
      case DATE -> fixed4(PgValues.date(v));
      case TIME -> fixed8(PgValues.time(v));
      case TIMESTAMP -> fixed8(PgValues.timestamp(v));
      case TIMESTAMPTZ -> fixed8(PgValues.timestamptz(v));
      case UUID -> {
        UUID u = PgValues.uuid(v);
        uuid(u.getMostSignificantBits(), u.getLeastSignificantBits());
      }
      case TEXT, JSONB -> text(PgValues.text(v, type), type == PgType.JSONB);
      case NUMERIC -> {
        BigDecimal d = PgValues.numeric(v);
        ensure(4L + NumericBinary.maxBytes(d));
        int lengthAt = pos;
        pos = NumericBinary.write(bytes, pos + 4, d);
        INT.set(bytes, lengthAt, pos - lengthAt - 4);
      }
      case ARRAY -> array(element, v);
    }
  }

  void bool(boolean v) {
    ensure(5);
    putInt(1);
    bytes[pos++] = (byte) (v ? 1 : 0);
  }

  void uuid(long msb, long lsb) {
    ensure(20);
    putInt(16);
    putLong(msb);
    putLong(lsb);
  }

  /** A numeric of {@code unscaled × 10^-scale}, {@code scale} from 0 to 18. */
  void numeric(long unscaled, int scale) {
    if (unscaled <= -NumericBinary.SMALL || unscaled >= NumericBinary.SMALL) {
      field(PgType.NUMERIC, null, BigDecimal.valueOf(unscaled, scale));
      return;
    }
    ensure(4 + 8 + 2 * 6);
    int lengthAt = pos;
    pos = NumericBinary.write(bytes, pos + 4, unscaled, scale);
    INT.set(bytes, lengthAt, pos - lengthAt - 4);
  }

  void text(String s, boolean jsonb) {
    ensure(5 + Utf8.maxBytes(s));
    int lengthAt = pos;
    int p = pos + 4;
    if (jsonb) bytes[p++] = 1; // jsonb binary format version
    pos = Utf8.encode(s, bytes, p);
    INT.set(bytes, lengthAt, pos - lengthAt - 4);
  }

  private void array(PgType element, Object value) {
    if (!(value instanceof List<?> list)) throw PgValues.wrongType(PgType.ARRAY, value);
    if (element == null || element == PgType.ARRAY)
      throw new IllegalArgumentException("arrays need a scalar element type");
    int n = list.size();
    ensure(24);
    int lengthAt = pos;
    pos += 4;
    putInt(n == 0 ? 0 : 1); // dimensions; an empty array has none
    int hasNullAt = pos;
    putInt(0);
    putInt(element.oid);
    if (n > 0) {
      putInt(n);
      putInt(1); // lower bound
    }
    for (int i = 0; i < n; i++) {
      Object e = list.get(i);
      if (e == null) {
        ensure(4);
        putInt(-1);
        INT.set(bytes, hasNullAt, 1);
      } else {
        field(element, null, e);
      }
    }
    INT.set(bytes, lengthAt, pos - lengthAt - 4);
  }

  void fixed4(int v) {
    ensure(8);
    putInt(4);
    putInt(v);
  }

  void fixed8(long v) {
    ensure(12);
    putInt(8);
    putLong(v);
  }

  void ensure(long needed) {
    if (pos + needed > bytes.length) grow(pos + needed);
  }

  private void grow(long minimum) {
    if (minimum > maxCapacity) {
      throw new IllegalArgumentException(
          "the row needs more than "
              + Sizes.bytes(maxCapacity)
              + " in the COPY stream, more than a row within the record limit can (datamapper.limits.max-record-size)");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.max(minimum, Math.min(maxCapacity, bytes.length * 2L)));
  }

  void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, pos, b.length);
    pos += b.length;
  }

  /** Callers {@link #ensure} room first, as for the other put methods. */
  void putShort(int v) {
    bytes[pos] = (byte) (v >>> 8);
    bytes[pos + 1] = (byte) v;
    pos += 2;
  }

  void putInt(int v) {
    INT.set(bytes, pos, v);
    pos += 4;
  }

  void putLong(long v) {
    LONG.set(bytes, pos, v);
    pos += 8;
  }
}
