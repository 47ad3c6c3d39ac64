package io.datamapper.coerce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Unix time for {@code date}, {@code timestamp} and {@code timestamptz} columns: format {@code
 * epoch-seconds} (an integer, optionally with up to nine decimals: {@code 1718000000.25}) or {@code
 * epoch-millis} (an integer). The instant is read in UTC: a {@code timestamp} gets the UTC
 * wall-clock time, a {@code date} the UTC day, and refuses an instant that is not midnight UTC
 * rather than drop its time of day. Immutable and thread-safe.
 */
record EpochParser(Target target, boolean millis) implements ValueParser {
  static final String SECONDS = "epoch-seconds";
  static final String MILLIS = "epoch-millis";

  /** Far beyond PostgreSQL's range, and small enough that microseconds fit a long. */
  private static final long MAX_SECONDS = 1L << 43;

  enum Target {
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ
  }

  /** True when {@code format} names an epoch unit. */
  static boolean names(String format) {
    return SECONDS.equalsIgnoreCase(format) || MILLIS.equalsIgnoreCase(format);
  }

  static EpochParser of(Target target, String format) {
    return new EpochParser(target, MILLIS.equalsIgnoreCase(format));
  }

  @Override
  public Object parse(String raw) {
    long micros = micros(raw.strip());
    long day = Math.floorDiv(micros, PgCalendar.MICROS_PER_DAY);
    long microOfDay = Math.floorMod(micros, PgCalendar.MICROS_PER_DAY);
    if (!PgCalendar.timestampInRange(day, microOfDay))
      throw new CoercionException(PgCalendar.TIMESTAMP_RANGE);
    return switch (target) {
      case DATE -> {
        if (microOfDay != 0) {
          throw new CoercionException(
              "is "
                  + instant(micros)
                  + ", not midnight UTC: a date column would drop the time of day;"
                  + " use a timestamptz column");
        }
        yield LocalDate.ofEpochDay(day);
      }
      case TIMESTAMP ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      case TIMESTAMPTZ -> instant(micros);
    };
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /**
   * Microseconds since 1970-01-01T00:00Z; fractions beyond microseconds round half up, as
   * PostgreSQL stores them.
   */
  private long micros(String s) {
    int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    int dot = s.indexOf('.');
    int intEnd = dot < 0 ? s.length() : dot;
    if (intEnd == i
        || intEnd - i > 16
        || !digits(s, i, intEnd)
        || (dot >= 0
            && (millis
                || dot == s.length() - 1
                || s.length() - dot - 1 > 9
                || !digits(s, dot + 1, s.length())))) {
      throw new CoercionException(
          millis
              ? "not whole Unix epoch milliseconds"
              : "not Unix epoch seconds (digits, optionally with decimals)");
    }
    long whole = Long.parseLong(s.substring(i, intEnd));
    if (whole > MAX_SECONDS * (millis ? 1000 : 1))
      throw new CoercionException(PgCalendar.TIMESTAMP_RANGE);
    long micros;
    if (millis) {
      micros = whole * 1000;
    } else {
      long fraction = 0;
      if (dot >= 0) {
        String f = (s.substring(dot + 1) + "000000000").substring(0, 9);
        long nanos = Long.parseLong(f);
        fraction = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
      }
      micros = whole * 1_000_000 + fraction;
    }
    return s.charAt(0) == '-' ? -micros : micros;
  }

  private static boolean digits(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!NumberSyntax.isDigit(s.charAt(k))) return false;
    }
    return true;
  }
}
