package io.datamapper.coerce;

/**
 * Hand-written scanner for the ISO spellings PostgreSQL reads fastest and users write most: {@code
 * yyyy-M-d}, {@code H:m[:s[.f]]}, and the two joined by {@code T} or spaces, optionally followed by
 * {@code Z} or an offset {@code ±hh[[:]mm[[:]ss]]}. Fractions beyond microseconds round exactly as
 * PostgreSQL does ({@code rint(strtod(".f") * 1e6)}), and {@code 24:00:00} and leap second {@code
 * :60} carry over as in PostgreSQL.
 *
 * <p>One instance per value; fields hold the result. Not thread-safe.
 */
final class IsoDateTime {
  enum Shape {
    DATE("not a date in the form yyyy-MM-dd"),
    TIME("not a time in the form HH:mm[:ss[.ffffff]]"),
    TIMESTAMP("not a timestamp in the form yyyy-MM-dd HH:mm[:ss[.ffffff]]"),
    TIMESTAMPTZ("not a timestamp in the form yyyy-MM-dd HH:mm[:ss[.ffffff]][Z|+hh:mm]");

    final String expected;

    Shape(String expected) {
      this.expected = expected;
    }
  }

  private final String s;
  private final int end;
  private final Shape shape;
  private int pos;

  int year;
  int month;
  int day;

  /** Days since 1970-01-01 of year-month-day. */
  long epochDay;

  /** Microseconds since midnight of the date; may exceed one day by a carried-over 24:00 or :60. */
  long microOfDay;

  int offsetSeconds;

  private IsoDateTime(String s, Shape shape) {
    this.s = s;
    this.shape = shape;
    this.pos = NumberSyntax.trimStart(s);
    this.end = NumberSyntax.trimEnd(s, pos);
  }

  /**
   * @throws CoercionException if {@code raw} does not have the shape or names an impossible value
   */
  static IsoDateTime parse(String raw, Shape shape) {
    IsoDateTime p = new IsoDateTime(raw, shape);
    if (shape != Shape.TIME) {
      p.date();
      if (shape != Shape.DATE && p.pos < p.end) {
        char c = p.s.charAt(p.pos);
        if (c == 'T' || c == 't') {
          p.pos++;
        } else if (c == ' ') {
          while (p.pos < p.end && p.s.charAt(p.pos) == ' ') p.pos++;
        } else {
          throw p.fail();
        }
        p.time();
      }
    } else {
      p.time();
    }
    if (p.pos < p.end && shape != Shape.DATE) p.offset();
    if (p.pos != p.end) throw p.fail();
    return p;
  }

  private void date() {
    int y = digits(4, 7);
    expect('-');
    int m = digits(1, 2);
    expect('-');
    int d = digits(1, 2);
    if (y == 0) throw new CoercionException("year 0 does not exist (1 BC is followed by 1 AD)");
    if (m < 1 || m > 12 || d < 1 || d > PgCalendar.monthLength(y, m)) {
      throw new CoercionException("not a valid calendar date");
    }
    year = y;
    month = m;
    day = d;
    epochDay = PgCalendar.epochDay(y, m, d);
  }

  private void time() {
    int h = digits(1, 2);
    expect(':');
    int mi = digits(1, 2);
    int sec = 0;
    long fraction = 0;
    if (pos < end && s.charAt(pos) == ':') {
      pos++;
      sec = digits(1, 2);
      if (pos < end && s.charAt(pos) == '.') fraction = fraction();
    }
    microOfDay = ((h * 60L + mi) * 60 + sec) * 1_000_000 + fraction;
    // PostgreSQL takes 24:00:00 and a leap second :60 as long as the sum stays within a day
    if (h > 24 || mi > 59 || sec > 60 || microOfDay > PgCalendar.MICROS_PER_DAY) {
      throw new CoercionException("not a valid time of day");
    }
  }

  /** Microseconds of {@code .digits} at pos, rounded like PostgreSQL's ParseFractionalSecond. */
  private long fraction() {
    int dot = pos++;
    long value = 0;
    while (pos < end && NumberSyntax.isDigit(s.charAt(pos))) {
      if (pos - dot <= 6) value = value * 10 + (s.charAt(pos) - '0');
      pos++;
    }
    int n = pos - dot - 1;
    if (n == 0) throw fail();
    if (n <= 6) {
      for (int i = n; i < 6; i++) value *= 10;
      return value;
    }
    return (long) Math.rint(Double.parseDouble(s.substring(dot, pos)) * 1_000_000);
  }

  private void offset() {
    while (pos < end && s.charAt(pos) == ' ') pos++;
    if (pos == end) throw fail();
    char c = s.charAt(pos);
    if (c != 'Z' && c != 'z' && c != '+' && c != '-') throw fail();
    if (shape != Shape.TIMESTAMPTZ) {
      throw new CoercionException(
          "has a time zone offset, which a "
              + (shape == Shape.TIME ? "time" : "timestamp")
              + " column would silently drop; use a timestamptz column or remove the offset");
    }
    pos++;
    if (c == 'Z' || c == 'z') return;
    int h = digits(1, 2, true); // "+0530" has no colon
    int m = 0;
    int sec = 0;
    if (pos < end) {
      if (s.charAt(pos) == ':') pos++;
      m = digits(2, 2, true);
      if (pos < end) {
        if (s.charAt(pos) == ':') pos++;
        sec = digits(2, 2);
      }
    }
    if (h > 15 || m > 59 || sec > 59)
      throw new CoercionException("has an invalid time zone offset");
    int total = (h * 60 + m) * 60 + sec;
    offsetSeconds = c == '-' ? -total : total;
  }

  private int digits(int min, int max) {
    return digits(min, max, false);
  }

  private int digits(int min, int max, boolean moreDigitsMayFollow) {
    int start = pos;
    int value = 0;
    while (pos < end && pos - start < max && NumberSyntax.isDigit(s.charAt(pos))) {
      value = value * 10 + (s.charAt(pos++) - '0');
    }
    if (pos - start < min
        || (!moreDigitsMayFollow && pos < end && NumberSyntax.isDigit(s.charAt(pos)))) {
      throw fail();
    }
    return value;
  }

  private void expect(char c) {
    if (pos >= end || s.charAt(pos) != c) throw fail();
    pos++;
  }

  private CoercionException fail() {
    String t = s.strip();
    if (t.equalsIgnoreCase("infinity")
        || t.equalsIgnoreCase("-infinity")
        || t.equalsIgnoreCase("+infinity")) {
      return new CoercionException("infinite dates and timestamps are not supported");
    }
    return new CoercionException(shape.expected);
  }
}
