package io.datamapper.load;

import java.util.UUID;

/**
 * {@code uuid}: 32 hex digits, any case, either canonical {@code 8-4-4-4-12} or without
 * hyphens, optionally in braces, surrounding whitespace ignored. Written by hand because
 * {@link UUID#fromString} accepts short groups such as {@code 1-2-3-4-5}.
 */
final class UuidParser implements ValueParser {
  static final UuidParser INSTANCE = new UuidParser();

  private UuidParser() {}

  @Override
  public Object parse(String raw) {
    int start = NumberSyntax.trimStart(raw);
    int end = NumberSyntax.trimEnd(raw, start);
    if (end - start >= 2 && raw.charAt(start) == '{' && raw.charAt(end - 1) == '}') {
      start++;
      end--;
    }
    boolean hyphens = end - start == 36;
    if (!hyphens && end - start != 32) throw invalid();
    if (hyphens && (raw.charAt(start + 8) != '-' || raw.charAt(start + 13) != '-'
        || raw.charAt(start + 18) != '-' || raw.charAt(start + 23) != '-')) {
      throw invalid();
    }
    long msb = 0;
    long lsb = 0;
    int digits = 0;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (hyphens && (i - start == 8 || i - start == 13 || i - start == 18 || i - start == 23)) continue;
      int d = hex(c);
      if (d < 0) throw invalid();
      if (digits++ < 16) {
        msb = msb << 4 | d;
      } else {
        lsb = lsb << 4 | d;
      }
    }
    return new UUID(msb, lsb);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private static CoercionException invalid() {
    return new CoercionException("not a UUID (expected 32 hex digits like a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11)");
  }
}
