package io.datamapper.load.copy;

import java.math.BigDecimal;

/**
 * PostgreSQL's binary {@code numeric} ({@code numeric_send}): int16 digit count, int16 weight
 * (base-10000 exponent of the first digit), int16 sign, int16 display scale, then the base-10000
 * digits, most significant first, groups aligned on the decimal point. Trailing zero groups are
 * left out; the display scale keeps the written decimals.
 */
final class NumericBinary {
  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;
  private static final int MAX_DSCALE = 0x3FFF;
  private static final long[] POW10 = {1, 10, 100, 1000};

  /** Unscaled values below this (15 digits) take plain {@code long} arithmetic. */
  static final long SMALL = 1_000_000_000_000_000L;

  private NumericBinary() {}

  /** Upper bound of the bytes {@link #write} produces for {@code v}, without the length word. */
  static int maxBytes(BigDecimal v) {
    return 8 + 2 * ((v.precision() + 3) / 4 + 2);
  }

  /** Writes {@code v} (scale &ge; 0) at {@code p}; returns the position after it. */
  static int write(byte[] b, int p, BigDecimal v) {
    int dscale = v.scale();
    if (dscale < 0 || dscale > MAX_DSCALE) {
      throw new IllegalArgumentException(
          "numeric scale " + dscale + " is outside 0.." + MAX_DSCALE);
    }
    int sign = v.signum();
    if (sign == 0) return header(b, p, 0, 0, POSITIVE, dscale);
    int pad = (4 - dscale % 4) % 4; // extra zeros that put the decimal point on a group boundary
    int fractionGroups = (dscale + pad) / 4;
    int signWord = sign < 0 ? NEGATIVE : POSITIVE;
    if (v.precision() <= 15) {
      return writeSmall(b, p, Math.abs(v.scaleByPowerOfTen(dscale).longValue()), signWord, dscale);
    }
    String digits = v.unscaledValue().abs().toString();
    int total = digits.length() + pad;
    int n = (total + 3) / 4;
    int weight = n - 1 - fractionGroups;
    if (weight > Short.MAX_VALUE)
      throw new IllegalArgumentException("numeric value has too many digits for PostgreSQL");
    int[] groups = new int[n];
    int first = total - 4 * (n - 1); // digits in the most significant group
    for (int g = 0, i = 0; g < n; g++) {
      int width = g == 0 ? first : 4;
      int value = 0;
      for (int k = 0; k < width; k++, i++)
        value = value * 10 + (i < digits.length() ? digits.charAt(i) - '0' : 0);
      groups[g] = value;
    }
    while (groups[n - 1] == 0) n--;
    p = header(b, p, n, weight, signWord, dscale);
    for (int g = 0; g < n; g++) p = putShort(b, p, groups[g]);
    return p;
  }

  /**
   * Writes {@code unscaled × 10^-dscale}, {@code |unscaled| < }{@link #SMALL}, {@code dscale} from
   * 0 to 18, exactly as {@link #write(byte[], int, BigDecimal)} writes the same value.
   */
  static int write(byte[] b, int p, long unscaled, int dscale) {
    if (unscaled == 0) return header(b, p, 0, 0, POSITIVE, dscale);
    return writeSmall(b, p, Math.abs(unscaled), unscaled < 0 ? NEGATIVE : POSITIVE, dscale);
  }

  /** {@code abs > 0} and below {@link #SMALL}: {@code abs * 1000} stays below 10^18. */
  private static int writeSmall(byte[] b, int p, long abs, int signWord, int dscale) {
    int pad = (4 - dscale % 4) % 4; // extra zeros that put the decimal point on a group boundary
    int fractionGroups = (dscale + pad) / 4;
    long u = abs * POW10[pad];
    int n = 0;
    for (long t = u; t > 0; t /= 10_000) n++;
    int weight = n - 1 - fractionGroups;
    while (u % 10_000 == 0) {
      u /= 10_000;
      n--;
    }
    p = header(b, p, n, weight, signWord, dscale);
    long div = 1;
    for (int i = 1; i < n; i++) div *= 10_000;
    for (; div > 0; div /= 10_000) {
      p = putShort(b, p, (int) (u / div));
      u %= div;
    }
    return p;
  }

  private static int header(byte[] b, int p, int ndigits, int weight, int sign, int dscale) {
    p = putShort(b, p, ndigits);
    p = putShort(b, p, weight);
    p = putShort(b, p, sign);
    return putShort(b, p, dscale);
  }

  private static int putShort(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
    return p + 2;
  }
}
