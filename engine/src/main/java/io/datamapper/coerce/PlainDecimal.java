package io.datamapper.coerce;

import io.datamapper.mapping.ColumnType;

/**
 * The numeric fast path: {@code [-]digits[.digits]} (the column's decimal separator, no whitespace,
 * no thousands separators, no exponent) with at most 18 digits, rounded to the column's scale in
 * {@code long} arithmetic exactly as {@link NumericParser} does with {@link java.math.BigDecimal}
 * (half away from zero). Everything else, and every value the column would refuse, is left to
 * {@link NumericParser#parse}, which gives the same value or the refusal.
 */
final class PlainDecimal {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
  }

  private PlainDecimal() {}

  /** Hands the value to {@code sink} and returns true, or returns false having done nothing. */
  static boolean parseTo(String s, char decimal, ColumnType.Numeric type, ValueSink sink) {
    int len = s.length();
    if (len == 0 || len > 20) return false;
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative) i++;
    long unscaled = 0;
    int digits = 0;
    for (; i < len; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) break;
      unscaled = unscaled * 10 + d;
      digits++;
    }
    int scale = 0;
    if (i < len && s.charAt(i) == decimal) {
      for (i++; i < len; i++) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) break;
        unscaled = unscaled * 10 + d;
        digits++;
        scale++;
      }
    }
    if (i != len || digits == 0 || digits > 18) return false;
    if (type.precision() != null) {
      int target = type.scale() == null ? 0 : type.scale();
      if (scale < target) {
        if (digits + target - scale > 18) return false;
        unscaled *= POW10[target - scale];
      } else if (scale > target) {
        long unit = POW10[scale - target];
        long rest = unscaled % unit;
        unscaled = unscaled / unit + (rest * 2 >= unit ? 1 : 0);
      }
      scale = target;
      if (unscaled != 0 && length(unscaled) - scale > type.precision() - scale) return false;
    }
    sink.numeric(negative ? -unscaled : unscaled, scale);
    return true;
  }

  /** Decimal digits of {@code v > 0}. */
  private static int length(long v) {
    int n = 1;
    while (n < POW10.length && v >= POW10[n]) n++;
    return n;
  }
}
