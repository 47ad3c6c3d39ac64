package io.datamapper.coerce;

import java.time.LocalDate;

/**
 * PostgreSQL's calendar limits and epochs, and allocation-free proleptic Gregorian arithmetic for
 * the hand-written ISO parsers. Year numbers are ISO (0 = 1 BC).
 */
public final class PgCalendar {
  /** Epoch day of 2000-01-01, PostgreSQL's date and timestamp origin. */
  public static final long PG_EPOCH_DAY = 10_957;

  static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;

  /** Microseconds in a day. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  /** 4714-11-24 BC: Julian day 0, the first date PostgreSQL can store. */
  public static final long MIN_EPOCH_DAY = LocalDate.of(-4713, 11, 24).toEpochDay();

  /** 5874897-12-31 AD, the last date PostgreSQL can store. */
  public static final long MAX_DATE_EPOCH_DAY = LocalDate.of(5_874_897, 12, 31).toEpochDay();

  /** 294277-01-01 AD: timestamps must be before it. */
  static final long END_TIMESTAMP_EPOCH_DAY = LocalDate.of(294_277, 1, 1).toEpochDay();

  /** The end of a message for a date PostgreSQL cannot store. */
  public static final String DATE_RANGE =
      "out of range for PostgreSQL dates (4714-11-24 BC to 5874897-12-31)";

  /** The end of a message for a timestamp PostgreSQL cannot store. */
  public static final String TIMESTAMP_RANGE =
      "out of range for PostgreSQL timestamps (4714-11-24 BC to 294276-12-31)";

  private PgCalendar() {}

  static boolean isLeap(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  static int monthLength(long year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** Whether a timestamp at this epoch day and microsecond of day fits PostgreSQL's range. */
  public static boolean timestampInRange(long epochDay, long microOfDay) {
    long day = epochDay + Math.floorDiv(microOfDay, MICROS_PER_DAY);
    return day >= MIN_EPOCH_DAY && day < END_TIMESTAMP_EPOCH_DAY;
  }
}
