package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Numbers in sampled values: plain integers, decimals with a point or a comma, thousands
 * separators, exponents. A leading zero anywhere makes the column text (codes such as zip codes
 * lose it as numbers). The format follows {@code ColumnSpec}: decimal separator, then the thousands
 * separator if any ({@code ","}, {@code ",."}, {@code ".,"}). Stateless.
 */
final class NumberShapes {
  private static final Pattern INT = Pattern.compile("[+-]?\\d+");
  private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d.*");
  private static final Pattern DOT_DECIMAL = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+)");
  private static final Pattern COMMA_DECIMAL = Pattern.compile("[+-]?\\d+,\\d+");
  private static final Pattern DOT_GROUPED = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+(,\\d+)?");
  private static final Pattern COMMA_GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern SPACE_GROUPED_COMMA =
      Pattern.compile("[+-]?\\d{1,3}([ \u00A0\u202F]\\d{3})+(,\\d+)?");
  private static final Pattern SPACE_GROUPED_DOT =
      Pattern.compile("[+-]?\\d{1,3}([ \u00A0\u202F]\\d{3})+(\\.\\d+)?");
  private static final Pattern EXPONENT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");

  private NumberShapes() {}

  /**
   * The numeric type of {@code values} (stripped, none empty), or null when one is not a number.
   */
  static Typed guess(String column, List<String> values, char delimiter) {
    boolean allInt = true;
    boolean pointStyle = true; // decimal point, no grouping, exponents allowed
    boolean commaStyle = true; // decimal comma, no grouping
    boolean dotGroupedStyle = true; // 1.234,50
    boolean commaGroupedStyle = true; // 1,234.50
    boolean spaceCommaStyle = true; // 1 234,50
    boolean spaceDotStyle = true; // 1 234.50
    boolean spaceGrouped = false;
    boolean exponent = false;
    boolean bigintFits = true;
    boolean zeroOne = true;
    boolean zero = false;
    boolean one = false;
    String leadingZero = null;
    String commaExample = null;
    for (String v : values) {
      int plain = plain(v);
      if (plain == NOT_A_NUMBER) return null;
      boolean isInt = plain == PLAIN_INT || (plain == USE_PATTERNS && INT.matcher(v).matches());
      boolean dot =
          plain == PLAIN_DECIMAL || (plain == USE_PATTERNS && DOT_DECIMAL.matcher(v).matches());
      boolean patterns = plain == USE_PATTERNS;
      boolean comma = patterns && COMMA_DECIMAL.matcher(v).matches();
      boolean dotGrouped = patterns && DOT_GROUPED.matcher(v).matches();
      boolean commaGrouped = patterns && COMMA_GROUPED.matcher(v).matches();
      boolean exp = plain == PLAIN_EXPONENT || (patterns && EXPONENT.matcher(v).matches());
      boolean spaceComma = patterns && SPACE_GROUPED_COMMA.matcher(v).matches();
      boolean spaceDot = patterns && SPACE_GROUPED_DOT.matcher(v).matches();
      if (!(isInt || dot || comma || dotGrouped || commaGrouped || exp || spaceComma || spaceDot))
        return null;
      spaceGrouped |= spaceComma || spaceDot;
      spaceCommaStyle &= isInt || comma || spaceComma;
      spaceDotStyle &= isInt || dot || spaceDot;
      if (leadingZero == null && mayHaveLeadingZero(v) && LEADING_ZERO.matcher(v).matches())
        leadingZero = v;
      allInt &= isInt;
      pointStyle &= isInt || dot || exp;
      commaStyle &= isInt || comma;
      dotGroupedStyle &= isInt || comma || dotGrouped;
      commaGroupedStyle &= isInt || dot || commaGrouped;
      exponent |= exp;
      if (commaExample == null && (comma || dotGrouped || commaGrouped)) commaExample = v;
      if (isInt) {
        zero |= v.equals("0");
        one |= v.equals("1");
        zeroOne &= v.equals("0") || v.equals("1");
        try {
          Long.parseLong(v);
        } catch (NumberFormatException e) {
          bigintFits = false;
        }
      }
    }
    String label = "column '" + column + "'";
    if (leadingZero != null) {
      return Typed.of(
          ColumnType.TEXT, null, label + ": leading zeros (" + leadingZero + ") — kept as text");
    }
    if (allInt) {
      if (!bigintFits)
        return Typed.of(
            ColumnType.NUMERIC, null, label + ": integers too large for bigint — typed numeric");
      if (zeroOne && zero && one) {
        if (FLAG_NAME.matcher(column).matches()) {
          return Typed.of(
              ColumnType.BOOLEAN,
              "1|0",
              label
                  + ": only 0 and 1, and the name reads as a flag — typed boolean"
                  + " (format '1|0')");
        }
        return Typed.of(ColumnType.BIGINT, null, label + ": only 0 and 1 — boolean? kept bigint");
      }
      Typed epoch = Epochs.typed(column, values, label);
      return epoch == null ? Typed.of(ColumnType.BIGINT) : epoch;
    }
    if (pointStyle) {
      if (exponent) {
        for (String v : values) {
          double d = Double.parseDouble(v);
          if (Double.isInfinite(d) || (d == 0 && v.matches(".*[1-9].*[eE].*"))) {
            return Typed.of(
                ColumnType.NUMERIC,
                null,
                label + ": " + v + " is beyond double precision — typed numeric");
          }
        }
        return Typed.of(ColumnType.DOUBLE, null, label + ": exponents appear — typed double");
      }
      return Typed.of(ColumnType.NUMERIC, null, precisionNote(label, values));
    }
    if (spaceGrouped && spaceCommaStyle) {
      return Typed.of(
          anyContains(values, ',') ? ColumnType.NUMERIC : ColumnType.BIGINT,
          ", ",
          label + ": thousands separated by spaces and a decimal comma (1 234,50) — format ', '");
    }
    if (spaceGrouped && spaceDotStyle) {
      return Typed.of(
          anyContains(values, '.') ? ColumnType.NUMERIC : ColumnType.BIGINT,
          ". ",
          label + ": thousands separated by spaces (1 234.50) — format '. '");
    }
    if (commaStyle && commaGroupedStyle) {
      // every comma value is like 1,234: a decimal comma with three places, or thousands?
      if (delimiter == ';' || delimiter == '\t') {
        return Typed.of(
            ColumnType.NUMERIC,
            ",",
            label
                + ": "
                + commaExample
                + " could be a decimal comma or a thousands"
                + " separator; chose decimal comma (format ',') as usual in "
                + DialectSniffer.show(delimiter)
                + "-delimited files");
      }
      return Typed.of(
          ColumnType.BIGINT,
          ".,",
          label
              + ": "
              + commaExample
              + " could be a thousands separator or a decimal"
              + " comma; chose thousands separator (format '.,')");
    }
    if (commaStyle) {
      return Typed.of(
          ColumnType.NUMERIC,
          ",",
          label + ": decimal comma (" + commaExample + ") — typed numeric with format ','");
    }
    if (dotGroupedStyle) {
      return Typed.of(
          anyContains(values, ',') ? ColumnType.NUMERIC : ColumnType.BIGINT,
          ",.",
          label
              + ": thousands separator '.' and decimal comma ("
              + commaExample
              + ") — format ',.'");
    }
    if (commaGroupedStyle) {
      return Typed.of(
          anyContains(values, '.') ? ColumnType.NUMERIC : ColumnType.BIGINT,
          ".,",
          label + ": thousands separator ',' (" + commaExample + ") — format '.,'");
    }
    return null; // a mix of styles: let it be text
  }

  /**
   * Column names that make a 0/1 column a flag: is_paid, has_children, deleted_flag, isactive. A
   * bare word (active, paid) is not enough: it is as often a count or a code.
   */
  private static final Pattern FLAG_NAME =
      Pattern.compile(
          "(is|has|can|should|was|were|did|does)_.+|.+_(flag|yn|bool|boolean)|(is|has)(active|valid|deleted|enabled|paid)|flag");

  /**
   * What the sampled plain decimals need ({@code numeric(7,2)}: at most 5 integer digits, 2
   * decimals), said rather than applied: a constrained column would round a later value with more
   * decimals. Null when the values are not all plain decimals.
   */
  private static String precisionNote(String label, List<String> values) {
    int intDigits = 1;
    int scale = 0;
    for (String v : values) {
      int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
      while (i < v.length() - 1 && v.charAt(i) == '0' && isDigit(v.charAt(i + 1)))
        i++; // leading zeros
      int digits = 0;
      int fraction = -1;
      for (; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '.' && fraction < 0) {
          fraction = 0;
        } else if (!isDigit(c)) {
          return null;
        } else if (fraction >= 0) {
          fraction++;
        } else {
          digits++;
        }
      }
      intDigits = Math.max(intDigits, digits);
      scale = Math.max(scale, Math.max(fraction, 0));
    }
    if (scale == 0) return null;
    return label
        + ": sampled values fit numeric("
        + (intDigits + scale)
        + ","
        + scale
        + ") (up to "
        + intDigits
        + " integer digits, "
        + scale
        + " decimals); typed numeric without limits so that no later value is rounded";
  }

  private static final int NOT_A_NUMBER = -1;
  private static final int USE_PATTERNS = 0;
  private static final int PLAIN_INT = 1;
  private static final int PLAIN_DECIMAL = 2;
  private static final int PLAIN_EXPONENT = 3;

  /**
   * A one-pass look at a value, so that most values skip the patterns: {@link #PLAIN_INT} ({@code
   * -123}), {@link #PLAIN_DECIMAL} ({@code 12.5}, but not {@code 1.234}, which could be thousands),
   * {@link #PLAIN_EXPONENT} ({@code 1.5e-7}), {@link #NOT_A_NUMBER} (a character no number shape
   * has), else {@link #USE_PATTERNS}. Agrees with the patterns on every value.
   */
  private static int plain(String v) {
    int i = v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-') ? 0 : 1;
    int intDigits = 0;
    while (i < v.length() && isDigit(v.charAt(i))) {
      i++;
      intDigits++;
    }
    if (i == v.length()) return intDigits > 0 ? PLAIN_INT : NOT_A_NUMBER;
    if (v.charAt(i) == '.' && intDigits > 0) {
      int fraction = 0;
      int j = i + 1;
      while (j < v.length() && isDigit(v.charAt(j))) {
        j++;
        fraction++;
      }
      if (j == v.length() && fraction > 0 && (fraction != 3 || intDigits > 3)) return PLAIN_DECIMAL;
      if (j < v.length() && exponentFrom(v, j)) return PLAIN_EXPONENT;
    } else if (intDigits > 0 && exponentFrom(v, i)) {
      return PLAIN_EXPONENT;
    }
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (!isDigit(c) && "+-.,eE \u00A0\u202F".indexOf(c) < 0) return NOT_A_NUMBER;
    }
    return USE_PATTERNS;
  }

  /** A 0 as the first digit: the only values {@code LEADING_ZERO} can match. */
  private static boolean mayHaveLeadingZero(String v) {
    int i = v.startsWith("+") || v.startsWith("-") ? 1 : 0;
    return v.length() > i + 1 && v.charAt(i) == '0';
  }

  /** {@code e5}, {@code E-07}: an exponent from {@code i} to the end. */
  private static boolean exponentFrom(String v, int i) {
    if (v.charAt(i) != 'e' && v.charAt(i) != 'E') return false;
    int j = i + 1;
    if (j < v.length() && (v.charAt(j) == '+' || v.charAt(j) == '-')) j++;
    int digits = 0;
    while (j < v.length() && isDigit(v.charAt(j))) {
      j++;
      digits++;
    }
    return digits > 0 && j == v.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean anyContains(List<String> values, char c) {
    for (String v : values) {
      if (v.indexOf(c) >= 0) return true;
    }
    return false;
  }
}
