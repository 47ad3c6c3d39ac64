package io.datamapper.coerce;

/**
 * The decimal and thousands separators of a number column, read from the column format (first
 * character the decimal separator, optional second the thousands separator), and the scanner that
 * turns tolerant input into the canonical {@code -123.45e-6} form. Thousands separators must group
 * digits by three before the decimal separator, so that a decimal comma is never mistaken for one.
 * {@code thousands == 0} means none.
 */
record NumberSyntax(char decimal, char thousands) {
  static final NumberSyntax DEFAULT = new NumberSyntax('.', (char) 0);

  static NumberSyntax of(String format) {
    if (format == null) return DEFAULT;
    if (format.length() > 2 || (format.charAt(0) != '.' && format.charAt(0) != ',')) {
      throw new IllegalArgumentException(
          "number format '"
              + format
              + "' must be the decimal separator "
              + "('.' or ',') optionally followed by the thousands separator, e.g. ',.' or '.,'");
    }
    if (format.length() == 1) return new NumberSyntax(format.charAt(0), (char) 0);
    char t = format.charAt(1);
    if (t == format.charAt(0) || isDigit(t) || t == '-' || t == '+' || t == 'e' || t == 'E') {
      throw new IllegalArgumentException(
          "number format '" + format + "' has an unusable thousands separator '" + t + "'");
    }
    return new NumberSyntax(format.charAt(0), t);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whitespace PostgreSQL trims around numbers, plus the no-break space spreadsheets emit. */
  static boolean isSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == '\f'
        || c == 0x0B
        || c == '\u00A0';
  }

  static int trimStart(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) i++;
    return i;
  }

  static int trimEnd(String s, int start) {
    int e = s.length();
    while (e > start && isSpace(s.charAt(e - 1))) e--;
    return e;
  }

  /**
   * Returns {@link Double#NaN} or an infinity when {@code raw} spells one the way PostgreSQL's
   * float8 input does ({@code NaN}, {@code [+-]Infinity}, {@code [+-]inf}, any case), else {@code
   * 0.0}.
   */
  static double special(String raw) {
    int start = trimStart(raw);
    int end = trimEnd(raw, start);
    if (start == end) return 0.0;
    char c = raw.charAt(start);
    boolean negative = c == '-';
    int i = c == '-' || c == '+' ? start + 1 : start;
    int len = end - i;
    if (i == start && len == 3 && raw.regionMatches(true, i, "nan", 0, 3)) return Double.NaN;
    if ((len == 3 && raw.regionMatches(true, i, "inf", 0, 3))
        || (len == 8 && raw.regionMatches(true, i, "infinity", 0, 8))) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return 0.0;
  }

  /**
   * Returns {@code raw} in canonical form: optional {@code -}, digits, optional {@code .} and
   * digits, optional {@code e}, sign and digits; at least one mantissa digit. Returns {@code raw}
   * itself when it already is canonical (the common case, no allocation).
   *
   * @throws CoercionException if {@code raw} is not a number in this syntax
   */
  String canonical(String raw) {
    int start = trimStart(raw);
    int end = trimEnd(raw, start);
    if (start == end) throw new CoercionException("is blank");
    boolean unchanged = start == 0 && end == raw.length();
    int i = start;
    char c = raw.charAt(i);
    if (c == '+') {
      unchanged = false;
      i++;
    } else if (c == '-') {
      i++;
    }
    int mantissaDigits = 0;
    int group = 0;
    boolean grouped = false;
    for (; i < end; i++) {
      c = raw.charAt(i);
      if (isDigit(c)) {
        mantissaDigits++;
        group++;
      } else if (isThousands(c)) {
        if (group == 0 || (grouped ? group != 3 : group > 3)) throw misplacedThousands();
        grouped = true;
        group = 0;
        unchanged = false;
      } else {
        break;
      }
    }
    if (grouped && group != 3) throw misplacedThousands();
    if (i < end && raw.charAt(i) == decimal) {
      if (decimal != '.') unchanged = false;
      for (i++; i < end && isDigit(raw.charAt(i)); i++) mantissaDigits++;
    }
    if (mantissaDigits == 0) throw new CoercionException("not a number");
    if (i < end && (raw.charAt(i) == 'e' || raw.charAt(i) == 'E')) {
      i++;
      if (i < end && (raw.charAt(i) == '+' || raw.charAt(i) == '-')) i++;
      int expDigits = 0;
      for (; i < end && isDigit(raw.charAt(i)); i++) expDigits++;
      if (expDigits == 0) throw new CoercionException("not a number");
    }
    if (i != end) throw new CoercionException("not a number");
    return unchanged ? raw : rewrite(raw, start, end);
  }

  private String rewrite(String raw, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    boolean inMantissa = true;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == 'e' || c == 'E') inMantissa = false;
      if (inMantissa && isThousands(c)) continue;
      if (inMantissa && c == decimal) c = '.';
      if (c == '+' && i == start) continue;
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * A space as thousands separator also matches the no-break spaces spreadsheets write (U+00A0,
   * U+202F).
   */
  private boolean isThousands(char c) {
    if (thousands == 0) return false;
    return c == thousands || (thousands == ' ' && (c == '\u00A0' || c == '\u202F'));
  }

  CoercionException misplacedThousands() {
    return new CoercionException(
        "has a misplaced thousands separator '"
            + thousands
            + "' (digits must be grouped by three)");
  }
}
