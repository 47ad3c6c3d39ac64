package io.datamapper.format;

import java.util.Locale;

/** Sizes and values as messages show them. Stateless. */
public final class Sizes {
  /** Characters of a value that messages, problem details and the reject store keep. */
  public static final int SHOWN_CHARS = 200;

  private Sizes() {}

  /** {@code 16 MB}, {@code 1.5 GB}, {@code 512 KB}, {@code 100 bytes}: whole units where exact. */
  public static String bytes(long n) {
    if (n >= 1L << 30) return unit(n, 30, "GB");
    if (n >= 1L << 20) return unit(n, 20, "MB");
    if (n >= 1L << 10) return unit(n, 10, "KB");
    return n + (n == 1 ? " byte" : " bytes");
  }

  private static String unit(long n, int shift, String name) {
    if ((n & ((1L << shift) - 1)) == 0) return (n >> shift) + " " + name;
    return String.format(Locale.ROOT, "%.1f %s", n / (double) (1L << shift), name);
  }

  /** {@code 52,428,800} */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * {@code value} as messages show it: at most {@value #SHOWN_CHARS} characters, and when it is
   * longer, the start followed by {@code … (N characters)}; null stays null.
   */
  public static String shorten(String value) {
    return shorten(value, SHOWN_CHARS);
  }

  /** As {@link #shorten(String)} with another length. */
  public static String shorten(String value, int max) {
    if (value == null || value.length() <= max) return value;
    int cut = max;
    if (Character.isHighSurrogate(value.charAt(cut - 1))) cut--; // never split a character
    return value.substring(0, cut) + "… (" + count(value.length()) + " characters)";
  }
}
