package io.datamapper.coerce;

import java.util.Arrays;
import java.util.UUID;

/**
 * {@code uuid}: 32 hex digits, any case, either canonical {@code 8-4-4-4-12} or without hyphens,
 * optionally in braces, surrounding whitespace ignored. Written by hand because {@link
 * UUID#fromString} accepts short groups such as {@code 1-2-3-4-5}.
 */
final class UuidParser implements ValueParser {
  static final UuidParser INSTANCE = new UuidParser();
  private static final byte[] HEX = new byte[128];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) HEX['0' + i] = (byte) i;
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }

  private UuidParser() {}

  @Override
  public Object parse(String raw) {
    int start = NumberSyntax.trimStart(raw);
    int end = NumberSyntax.trimEnd(raw, start);
    if (end - start >= 2 && raw.charAt(start) == '{' && raw.charAt(end - 1) == '}') {
      start++;
      end--;
    }
    int s = start;
    long a;
    long b;
    long c;
    long d;
    long e;
    if (end - s == 36) {
      if (raw.charAt(s + 8) != '-'
          || raw.charAt(s + 13) != '-'
          || raw.charAt(s + 18) != '-'
          || raw.charAt(s + 23) != '-') {
        throw invalid();
      }
      a = hex(raw, s, 8);
      b = hex(raw, s + 9, 4);
      c = hex(raw, s + 14, 4);
      d = hex(raw, s + 19, 4);
      e = hex(raw, s + 24, 12);
    } else if (end - s == 32) {
      a = hex(raw, s, 8);
      b = hex(raw, s + 8, 4);
      c = hex(raw, s + 12, 4);
      d = hex(raw, s + 16, 4);
      e = hex(raw, s + 20, 12);
    } else {
      throw invalid();
    }
    if ((a | b | c | d | e) < 0) throw invalid();
    return new UUID(a << 32 | b << 16 | c, d << 48 | e);
  }

  /** Value of {@code count} (at most 12) hex digits, or a negative number if one is not hex. */
  private static long hex(String s, int from, int count) {
    long v = 0;
    for (int i = from, to = from + count; i < to; i++) {
      char ch = s.charAt(i);
      // branch-free on the digit: a -1 from the table makes v negative for good
      v = v << 4 | (ch < 128 ? HEX[ch] : -1);
    }
    return v;
  }

  private static CoercionException invalid() {
    return new CoercionException(
        "not a UUID (expected 32 hex digits like a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11)");
  }
}
