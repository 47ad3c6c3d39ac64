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
    int at = locate(raw);
    return new UUID(msb(raw, at), lsb(raw, at));
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    int at = locate(raw);
    sink.uuid(msb(raw, at), lsb(raw, at));
  }

  /**
   * Where the 32 digits start, times two, plus one for the hyphenated form.
   *
   * @throws CoercionException unless the trimmed text has one of the accepted lengths and hyphens
   */
  private static int locate(String raw) {
    int start = NumberSyntax.trimStart(raw);
    int end = NumberSyntax.trimEnd(raw, start);
    if (end - start >= 2 && raw.charAt(start) == '{' && raw.charAt(end - 1) == '}') {
      start++;
      end--;
    }
    if (end - start == 36) {
      if (raw.charAt(start + 8) != '-'
          || raw.charAt(start + 13) != '-'
          || raw.charAt(start + 18) != '-'
          || raw.charAt(start + 23) != '-') {
        throw invalid();
      }
      return start * 2 + 1;
    }
    if (end - start == 32) return start * 2;
    throw invalid();
  }

  private static long msb(String raw, int at) {
    int s = at >> 1;
    int dash = at & 1;
    long a = hex(raw, s, 8);
    long b = hex(raw, s + 8 + dash, 4);
    long c = hex(raw, s + 12 + 2 * dash, 4);
    if ((a | b | c) < 0) throw invalid();
    return a << 32 | b << 16 | c;
  }

  private static long lsb(String raw, int at) {
    int s = at >> 1;
    int dash = at & 1;
    long d = hex(raw, s + 16 + 3 * dash, 4);
    long e = hex(raw, s + 20 + 4 * dash, 12);
    if ((d | e) < 0) throw invalid();
    return d << 48 | e;
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
