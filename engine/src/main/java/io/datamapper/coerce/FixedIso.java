package io.datamapper.coerce;

/**
 * The fixed-width ISO spellings almost every file uses, read at fixed positions with one validity
 * check for all digits: {@code yyyy-MM-dd}, and for timestamps that date, {@code T} or one space,
 * {@code HH:mm[:ss[.f]]} with 1 to 6 fraction digits, and for {@code timestamptz} an optional
 * {@code Z}. Anything else (whitespace around, other widths, hour 24, second 60, year 0, longer
 * fractions, offsets, invalid values) answers {@link #NONE} and is left to {@link IsoDateTime},
 * which accepts a superset and gives the same value or the precise refusal. With four-digit years
 * these values always fall within PostgreSQL's ranges.
 */
final class FixedIso {
  /** Not read here; ask {@link IsoDateTime}. */
  static final long NONE = Long.MIN_VALUE;

  private static final int[] FRACTION_SCALE = {0, 100_000, 10_000, 1_000, 100, 10, 1};

  private FixedIso() {}

  /** Days since 1970-01-01 of exactly {@code yyyy-MM-dd}, or {@link #NONE}. */
  static long date(String s) {
    return s.length() == 10 ? epochDay(s) : NONE;
  }

  /**
   * Microseconds since 2000-01-01 00:00 (UTC for {@code withZone}) of a timestamp in the fixed
   * form, or {@link #NONE}.
   */
  static long pgMicros(String s, boolean withZone) {
    int n = s.length();
    if (n == 10) {
      long day = epochDay(s); // a date alone means midnight
      return day == NONE ? NONE : (day - PgCalendar.PG_EPOCH_DAY) * PgCalendar.MICROS_PER_DAY;
    }
    if (withZone && n > 16 && (s.charAt(n - 1) == 'Z' || s.charAt(n - 1) == 'z')) n--;
    if (n != 16 && (n < 19 || n == 20 || n > 26)) return NONE;
    char t = s.charAt(10);
    if (t != ' ' && t != 'T' && t != 't') return NONE;
    if (s.charAt(13) != ':') return NONE;
    int h0 = s.charAt(11) - '0';
    int h1 = s.charAt(12) - '0';
    int m0 = s.charAt(14) - '0';
    int m1 = s.charAt(15) - '0';
    int bad = h0 | 9 - h0 | h1 | 9 - h1 | m0 | 5 - m0 | m1 | 9 - m1;
    int sec = 0;
    int fraction = 0;
    if (n > 16) {
      if (s.charAt(16) != ':') return NONE;
      int s0 = s.charAt(17) - '0';
      int s1 = s.charAt(18) - '0';
      bad |= s0 | 5 - s0 | s1 | 9 - s1;
      sec = s0 * 10 + s1;
      if (n > 19) {
        if (s.charAt(19) != '.') return NONE;
        for (int i = 20; i < n; i++) {
          int d = s.charAt(i) - '0';
          bad |= d | 9 - d;
          fraction = fraction * 10 + d;
        }
        fraction *= FRACTION_SCALE[n - 20];
      }
    }
    int hour = h0 * 10 + h1;
    if (bad < 0 || hour > 23) return NONE;
    long day = epochDay(s);
    if (day == NONE) return NONE;
    long microOfDay = ((hour * 60L + m0 * 10 + m1) * 60 + sec) * 1_000_000 + fraction;
    return (day - PgCalendar.PG_EPOCH_DAY) * PgCalendar.MICROS_PER_DAY + microOfDay;
  }

  /** The date in the first ten chars of {@code s} (at least ten long), or {@link #NONE}. */
  private static long epochDay(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-') return NONE;
    int y0 = s.charAt(0) - '0';
    int y1 = s.charAt(1) - '0';
    int y2 = s.charAt(2) - '0';
    int y3 = s.charAt(3) - '0';
    int m0 = s.charAt(5) - '0';
    int m1 = s.charAt(6) - '0';
    int d0 = s.charAt(8) - '0';
    int d1 = s.charAt(9) - '0';
    int bad =
        y0 | 9 - y0 | y1 | 9 - y1 | y2 | 9 - y2 | y3 | 9 - y3 | m0 | 1 - m0 | m1 | 9 - m1 | d0
            | 3 - d0 | d1 | 9 - d1;
    if (bad < 0) return NONE;
    int year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    int month = m0 * 10 + m1;
    int day = d0 * 10 + d1;
    if (year == 0 || month == 0 || month > 12 || day == 0) return NONE;
    if (day > 28 && day > PgCalendar.monthLength(year, month)) return NONE;
    return PgCalendar.epochDay(year, month, day);
  }
}
