package io.datamapper.format.excel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of UTF-8 bytes that also counts the Java characters they decode to (what the value
 * limits are stated in), with the few conversions the sheet reader needs straight from the bytes.
 * Reused; not thread-safe.
 */
final class ByteText {
  private byte[] bytes = new byte[64];
  private int length;
  private long chars;

  void clear() {
    length = 0;
    chars = 0;
  }

  int length() {
    return length;
  }

  /** Java characters (UTF-16 units) the bytes decode to. */
  long chars() {
    return chars;
  }

  byte[] bytes() {
    return bytes;
  }

  void append(byte b) {
    if (length == bytes.length) grow(length + 1);
    bytes[length++] = b;
    chars += units(b);
  }

  /** Appends {@code n} bytes of {@code src} from {@code from}. */
  void append(byte[] src, int from, int n) {
    if (length + n > bytes.length) grow(length + n);
    System.arraycopy(src, from, bytes, length, n);
    length += n;
    for (int i = from, end = from + n; i < end; i++) chars += units(src[i]);
  }

  /** Appends a code point as UTF-8. */
  void appendCodePoint(int cp) {
    if (cp < 0x80) {
      append((byte) cp);
    } else {
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) append(b);
    }
  }

  /** UTF-16 units a UTF-8 byte starts: 0 for continuation bytes, 2 for a 4-byte sequence. */
  private static int units(byte b) {
    if (b >= 0) return 1;
    if ((b & 0xC0) == 0x80) return 0;
    return (b & 0xF8) == 0xF0 ? 2 : 1;
  }

  private void grow(int min) {
    bytes = Arrays.copyOf(bytes, Math.max(min, bytes.length * 2));
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** Whether the bytes are only XML white space (or none). */
  boolean isBlank() {
    for (int i = 0; i < length; i++) if (!space(bytes[i])) return false;
    return true;
  }

  static boolean space(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** A non-negative int written as plain digits without spaces, or -1. */
  int digits() {
    if (length == 0 || length > 9) return -1;
    int v = 0;
    for (int i = 0; i < length; i++) {
      int d = bytes[i] - '0';
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * The length of the bytes' prefix that is a decimal in the form {@link CellText#plain(double)}
   * gives back for it, or -1. That form: an optional minus, no leading zeros, no exponent, no
   * trailing zeros after a point, at most 15 significant digits (so the double it parses to prints
   * as the same digits). Trailing zeros after a point, and a point left bare, are dropped first:
   * {@code 913.0} is {@code 913}, {@code 1.50} is {@code 1.5}, the same values.
   */
  int plainDecimalLength() {
    int n = length;
    int point = -1;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == '.') {
        point = i;
        break;
      }
    }
    if (point >= 0) {
      while (n > point + 1 && bytes[n - 1] == '0') n--;
      if (n == point + 1) n = point;
    }
    return isPlainDecimal(n) ? n : -1;
  }

  private boolean isPlainDecimal(int n) {
    if (n == 0 || n > 24) return false;
    int i = bytes[0] == '-' ? 1 : 0;
    if (i == n) return false;
    int intStart = i;
    while (i < n && bytes[i] >= '0' && bytes[i] <= '9') i++;
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && bytes[intStart] == '0')) return false;
    int fracDigits = 0;
    if (i < n) {
      if (bytes[i] != '.') return false;
      int fracStart = ++i;
      while (i < n && bytes[i] >= '0' && bytes[i] <= '9') i++;
      fracDigits = i - fracStart;
      if (i != n || fracDigits == 0 || bytes[n - 1] == '0') return false;
    }
    // significant digits: from the first non-zero digit to the last non-zero one
    int first = -1;
    int last = -1;
    for (int k = intStart; k < n; k++) {
      byte b = bytes[k];
      if (b > '0' && b <= '9') {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first < 0) return intStart == 0; // "0" is plain, "-0" is "0"
    int significant =
        last - first + 1 - (first < intStart + intDigits && last > intStart + intDigits ? 1 : 0);
    return significant <= 15;
  }

  /** The bytes as a String when they are ASCII (numbers): no decoding needed. */
  String ascii() {
    return ascii(length);
  }

  /** The first {@code n} bytes as a String, when they are ASCII. */
  String ascii(int n) {
    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
  }
}
