package io.datamapper.load.copy;

import io.datamapper.coerce.PgCalendar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Java values to the numbers PostgreSQL's binary formats carry: days and microseconds since
 * 2000-01-01, microseconds since midnight. Sub-microsecond parts round half up. Values outside
 * PostgreSQL's range are refused here, because PostgreSQL would fail the whole COPY on them.
 */
final class PgValues {
  private PgValues() {}

  static int int4(Object v) {
    if (v instanceof Integer i) return i;
    if (v instanceof Short || v instanceof Byte) return ((Number) v).intValue();
    if (v instanceof Long l && l == (int) (long) l) return (int) (long) l;
    throw wrongType(PgType.INT4, v);
  }

  static long int8(Object v) {
    if (v instanceof Long l) return l;
    if (v instanceof Integer || v instanceof Short || v instanceof Byte)
      return ((Number) v).longValue();
    throw wrongType(PgType.INT8, v);
  }

  static double float8(Object v) {
    if (v instanceof Double d) return d;
    if (v instanceof Float f) return f;
    throw wrongType(PgType.FLOAT8, v);
  }

  static boolean bool(Object v) {
    if (v instanceof Boolean b) return b;
    throw wrongType(PgType.BOOL, v);
  }

  static String text(Object v, PgType type) {
    if (v instanceof String s) return s;
    throw wrongType(type, v);
  }

  static UUID uuid(Object v) {
    if (v instanceof UUID u) return u;
    throw wrongType(PgType.UUID, v);
  }

  static BigDecimal numeric(Object v) {
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      d = BigDecimal.valueOf(((Number) v).longValue());
    } else if (v instanceof BigInteger i) {
      d = new BigDecimal(i);
    } else {
      throw wrongType(PgType.NUMERIC, v);
    }
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  static int date(Object v) {
    if (!(v instanceof LocalDate d)) throw wrongType(PgType.DATE, v);
    long day = d.toEpochDay();
    if (day < PgCalendar.MIN_EPOCH_DAY || day > PgCalendar.MAX_DATE_EPOCH_DAY) {
      throw new IllegalArgumentException("date " + d + " is " + PgCalendar.DATE_RANGE);
    }
    return (int) (day - PgCalendar.PG_EPOCH_DAY);
  }

  static long time(Object v) {
    if (!(v instanceof LocalTime t)) throw wrongType(PgType.TIME, v);
    return (t.toNanoOfDay() + 500) / 1000; // LocalTime.MAX rounds to 24:00:00
  }

  static long timestamp(Object v) {
    if (!(v instanceof LocalDateTime t)) throw wrongType(PgType.TIMESTAMP, v);
    return micros(t.toLocalDate().toEpochDay(), t.toLocalTime().toNanoOfDay(), v);
  }

  static long timestamptz(Object v) {
    long seconds;
    int nanos;
    if (v instanceof Instant i) {
      seconds = i.getEpochSecond();
      nanos = i.getNano();
    } else if (v instanceof OffsetDateTime o) {
      seconds = o.toEpochSecond();
      nanos = o.getNano();
    } else if (v instanceof ZonedDateTime z) {
      seconds = z.toEpochSecond();
      nanos = z.getNano();
    } else {
      throw wrongType(PgType.TIMESTAMPTZ, v);
    }
    return micros(
        Math.floorDiv(seconds, 86_400), Math.floorMod(seconds, 86_400) * 1_000_000_000L + nanos, v);
  }

  private static long micros(long epochDay, long nanoOfDay, Object v) {
    long microOfDay = (nanoOfDay + 500) / 1000;
    if (!PgCalendar.timestampInRange(epochDay, microOfDay)) {
      throw new IllegalArgumentException("timestamp " + v + " is " + PgCalendar.TIMESTAMP_RANGE);
    }
    return (epochDay - PgCalendar.PG_EPOCH_DAY) * PgCalendar.MICROS_PER_DAY + microOfDay;
  }

  static IllegalArgumentException wrongType(PgType type, Object v) {
    return new IllegalArgumentException(
        "a "
            + type.name().toLowerCase()
            + " column cannot take a "
            + v.getClass().getName()
            + " value");
  }
}
