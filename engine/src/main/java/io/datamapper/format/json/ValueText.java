package io.datamapper.format.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * JSON strings and numbers read from UTF-8 bytes for {@link FlatLines}, giving what Jackson gives
 * for them, or refusing (-1) whatever Jackson might read or word differently: bytes that are not
 * well-formed UTF-8 (Jackson takes some of them), control characters, unknown escapes, numbers that
 * are not JSON's or longer than {@link JsonRecordReader#MAX_NUMBER_CHARS}. Not thread-safe.
 */
final class ValueText {
  private final StringBuilder sb = new StringBuilder();
  private String value;

  /** The string read by the last successful {@link #string}. */
  String value() {
    return value;
  }

  /**
   * Reads the string whose content starts at {@code p} (after the quote), within {@code e}, of at
   * most {@code maxChars} characters; returns the index after its closing quote, or -1.
   */
  int string(byte[] buf, int p, int e, int maxChars) {
    int q = p;
    boolean ascii = true;
    // eight bytes at a time while none is a quote, backslash, control character or non-ASCII
    while (q + 8 <= e && plain((long) LONGS.get(buf, q))) q += 8;
    while (q < e) {
      int b = buf[q];
      if (b == '"') break;
      if (b == '\\') return escaped(buf, p, e, maxChars);
      if (b < 0) ascii = false;
      else if (b < 0x20) return -1;
      q++;
    }
    if (q >= e) return -1;
    if (ascii) {
      if (q - p > maxChars) return -1;
      value = new String(buf, p, q - p, StandardCharsets.ISO_8859_1);
    } else {
      if (!wellFormed(buf, p, q)) return -1;
      value = new String(buf, p, q - p, StandardCharsets.UTF_8);
      if (value.length() > maxChars) return -1;
    }
    return q + 1;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether none of the eight bytes is '"', '\\', below 0x20 or above 0x7F. */
  private static boolean plain(long x) {
    long quote = x ^ (ONES * '"');
    long backslash = x ^ (ONES * '\\');
    long special =
        ((quote - ONES) & ~quote)
            | ((backslash - ONES) & ~backslash)
            | ((x - ONES * 0x20) & ~x)
            | x;
    return (special & HIGHS) == 0;
  }

  /** The slower way, for a string with escapes. */
  private int escaped(byte[] buf, int p, int e, int maxChars) {
    sb.setLength(0);
    int run = p;
    int q = p;
    while (true) {
      if (q >= e) return -1;
      int b = buf[q];
      if (b == '"' || b == '\\') {
        if (!wellFormed(buf, run, q)) return -1;
        sb.append(new String(buf, run, q - run, StandardCharsets.UTF_8));
        if (b == '"') break;
        if (q + 1 >= e) return -1;
        char c;
        switch (buf[q + 1]) {
          case '"' -> c = '"';
          case '\\' -> c = '\\';
          case '/' -> c = '/';
          case 'b' -> c = '\b';
          case 'f' -> c = '\f';
          case 'n' -> c = '\n';
          case 'r' -> c = '\r';
          case 't' -> c = '\t';
          case 'u' -> {
            if (q + 6 > e) return -1;
            int code = 0;
            for (int i = q + 2; i < q + 6; i++) {
              int d = Character.digit(buf[i], 16);
              if (d < 0 || buf[i] < 0) return -1;
              code = code << 4 | d;
            }
            c = (char) code;
            q += 4;
          }
          default -> {
            return -1;
          }
        }
        sb.append(c);
        q += 2;
        run = q;
        continue;
      }
      if (b >= 0 && b < 0x20) return -1;
      q++;
    }
    if (sb.length() > maxChars) return -1;
    value = sb.toString();
    return q + 1;
  }

  /**
   * Whether [p, q) is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
   */
  static boolean wellFormed(byte[] buf, int p, int q) {
    int i = p;
    while (i < q) {
      int b = buf[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) need = 1;
      else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
      } else return false;
      if (i + need >= q) return false;
      int c = buf[i + 1] & 0xFF;
      if (c < lo || c > hi) return false;
      for (int k = 2; k <= need; k++) if ((buf[i + k] & 0xC0) != 0x80) return false;
      i += need + 1;
    }
    return true;
  }

  /**
   * The end of the JSON number starting at {@code p} (followed by a blank, comma or closing brace),
   * or -1.
   */
  static int number(byte[] buf, int p, int e) {
    int q = p;
    if (buf[q] == '-') q++;
    if (q >= e) return -1;
    if (buf[q] == '0') q++;
    else if (digit(buf[q])) while (q < e && digit(buf[q])) q++;
    else return -1;
    if (q < e && buf[q] == '.') {
      q++;
      if (q >= e || !digit(buf[q])) return -1;
      while (q < e && digit(buf[q])) q++;
    }
    if (q < e && (buf[q] == 'e' || buf[q] == 'E')) {
      q++;
      if (q < e && (buf[q] == '+' || buf[q] == '-')) q++;
      if (q >= e || !digit(buf[q])) return -1;
      while (q < e && digit(buf[q])) q++;
    }
    if (q >= e || q - p > JsonRecordReader.MAX_NUMBER_CHARS) return -1;
    byte next = buf[q];
    return next == ' ' || next == '\t' || next == ',' || next == '}' ? q : -1;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }
}
