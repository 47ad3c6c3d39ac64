package io.datamapper.format.excel;

import java.time.LocalDate;

/**
 * Excel serial dates as text without {@code LocalDateTime} arithmetic or {@code BigDecimal}: the
 * same result as POI's {@code DateUtil.getLocalDateTime} (to the millisecond, the 1900 leap-year
 * bug included), which {@link CellText} falls back to when a value sits so close to half a
 * millisecond that double arithmetic could round it the other way.
 */
final class ExcelDates {
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long EPOCH_1900 = LocalDate.of(1900, 1, 1).toEpochDay();
  private static final long EPOCH_1904 = LocalDate.of(1904, 1, 1).toEpochDay();

  private ExcelDates() {}

  /** The text of a valid Excel date {@code value} in {@code shape}, or null to fall back. */
  static String text(double value, boolean date1904, CellText.Shape shape) {
    long days = (long) value;
    double ms = (value - days) * DAY_MILLIS + 0.5;
    long millis = (long) Math.floor(ms);
    double off = ms - millis;
    // POI rounds the shortest decimal that prints as the double, not the double itself: the two
    // differ by up to half an ulp, so near a rounding boundary the answer is left to POI
    double margin = Math.ulp(value) * DAY_MILLIS + 1e-6;
    if (off < margin || off > 1 - margin) return null;
    long epochDay;
    if (date1904) epochDay = EPOCH_1904 + days;
    else epochDay = EPOCH_1900 + days + (days < 61 ? -1 : -2);
    if (millis >= DAY_MILLIS) {
      epochDay++;
      millis -= DAY_MILLIS;
    }
    StringBuilder sb = new StringBuilder(23);
    if (shape == CellText.Shape.TIME && value < 1) {
      time(sb, millis);
      return sb.toString();
    }
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    int y = d.getYear();
    if (y < 1000 || y > 9999) return null;
    sb.append(y).append('-');
    two(sb, d.getMonthValue());
    sb.append('-');
    two(sb, d.getDayOfMonth());
    if (shape == CellText.Shape.DATE_TIME || millis != 0) {
      sb.append(' ');
      time(sb, millis);
    }
    return sb.toString();
  }

  /** {@code HH:mm:ss}, and {@code .SSS} when the milliseconds are not zero. */
  static void time(StringBuilder sb, long millisOfDay) {
    long s = millisOfDay / 1000;
    two(sb, (int) (s / 3600));
    sb.append(':');
    two(sb, (int) (s / 60 % 60));
    sb.append(':');
    two(sb, (int) (s % 60));
    int ms = (int) (millisOfDay % 1000);
    if (ms != 0) {
      sb.append('.');
      if (ms < 100) sb.append('0');
      if (ms < 10) sb.append('0');
      sb.append(ms);
    }
  }

  private static void two(StringBuilder sb, int v) {
    if (v < 10) sb.append('0');
    sb.append(v);
  }
}
