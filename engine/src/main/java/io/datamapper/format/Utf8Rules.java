package io.datamapper.format;

/**
 * The tests {@link Utf8Reader} applies to 3- and 4-byte sequences, and the malformed lengths it
 * reports: the same as the JDK's UTF-8 decoder (sun.nio.cs.UTF_8), so both fail alike. Bytes are
 * passed as signed values, as read from a {@code byte[]}.
 */
final class Utf8Rules {
  private Utf8Rules() {}

  /** [E0] [A0..BF] [80..BF] or [E1..EF] [80..BF] [80..BF]: false when valid. */
  static boolean malformed3(int b1, int b2, int b3) {
    return malformed3of2(b1, b2) || notContinuation(b3);
  }

  /** The first two bytes of a 3-byte sequence cannot start a valid one (an overlong E0 form). */
  static boolean malformed3of2(int b1, int b2) {
    return (b1 == (byte) 0xe0 && (b2 & 0xe0) == 0x80) || notContinuation(b2);
  }

  /** Continuation bytes 2..4 of a 4-byte sequence; the code point range is checked apart. */
  static boolean malformed4(int b2, int b3, int b4) {
    return notContinuation(b2) || notContinuation(b3) || notContinuation(b4);
  }

  /**
   * For a 4-byte lead with fewer than four bytes left: the malformed length when the prefix is
   * already bad, 0 when more bytes are needed to tell.
   */
  static int malformed4Prefix(byte[] sa, int sp, int remaining) {
    int b1 = sa[sp] & 0xff;
    if (b1 > 0xf4 || remaining > 1 && badSecondOf4(b1, sa[sp + 1] & 0xff)) return 1;
    if (remaining > 2 && notContinuation(sa[sp + 2])) return 2;
    return 0;
  }

  /** The malformed length of a complete but bad 4-byte sequence. */
  static int malformed4Length(int b1, int b2, int b3) {
    int u1 = b1 & 0xff;
    if (u1 > 0xf4 || badSecondOf4(u1, b2 & 0xff)) return 1;
    return notContinuation(b3) ? 2 : 3;
  }

  /** [F0] [90..BF], [F1..F3] [80..BF], [F4] [80..8F]: true when {@code b2} breaks that. */
  private static boolean badSecondOf4(int b1, int b2) {
    return (b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf))
        || (b1 == 0xf4 && (b2 & 0xf0) != 0x80)
        || notContinuation(b2);
  }

  private static boolean notContinuation(int b) {
    return (b & 0xc0) != 0x80;
  }
}
