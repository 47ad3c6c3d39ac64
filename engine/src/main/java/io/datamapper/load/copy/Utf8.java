package io.datamapper.load.copy;

/**
 * UTF-8 encoding straight into a byte buffer: an ASCII loop for the common case, then a general
 * loop. Refuses what PostgreSQL would reject mid-COPY (NUL, unpaired surrogates); the text parser
 * of {@code io.datamapper.coerce} has already turned those into row rejections.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Strings up to this length are sized by the worst case; longer ones are measured, so a big value
   * is not allocated three times over.
   */
  private static final int MEASURE_FROM = 64 * 1024;

  /**
   * Room {@link #encode} needs for {@code s}: the worst case for short strings, the exact size for
   * long ones.
   */
  static long maxBytes(String s) {
    int n = s.length();
    if (n < MEASURE_FROM) return 3L * n;
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) bytes++;
      else if (c < 0x800) bytes += 2;
      else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }

  /** Encodes {@code s} at {@code p}, which has room for {@link #maxBytes}; returns the end. */
  static int encode(String s, byte[] b, int p) {
    int n = s.length();
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) break;
      b[p++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == 0)
          throw new IllegalArgumentException(
              "text with a NUL character cannot be sent to PostgreSQL");
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else {
        char low = i + 1 < n ? s.charAt(i + 1) : 0;
        if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
          throw new IllegalArgumentException(
              "contains an unpaired UTF-16 surrogate (the file was probably read with the wrong encoding)");
        }
        int cp = Character.toCodePoint(c, low);
        i++;
        b[p++] = (byte) (0xF0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | cp & 0x3F);
      }
    }
    return p;
  }
}
