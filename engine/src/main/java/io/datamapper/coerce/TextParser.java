package io.datamapper.coerce;

/**
 * {@code text}: the string as is, unless PostgreSQL could not store it: a NUL character, or a lone
 * UTF-16 surrogate (left by a wrongly decoded file), which has no UTF-8 form and would make the
 * whole COPY fail instead of just this row.
 */
final class TextParser implements ValueParser {
  static final TextParser INSTANCE = new TextParser();

  private TextParser() {}

  @Override
  public Object parse(String raw) {
    checkStorable(raw);
    return raw;
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    checkStorable(raw);
    sink.text(raw);
  }

  /**
   * @throws CoercionException if {@code s} has a NUL. An unpaired surrogate is caught while binary
   *     COPY encoding, which saves a second pass over every text value.
   */
  static void checkStorable(String s) {
    if (s.indexOf('\u0000') >= 0) {
      throw new CoercionException("contains a NUL character, which PostgreSQL text cannot store");
    }
  }

  /**
   * {@link #checkStorable} plus unpaired surrogates, for text that is not encoded for COPY (decoded
   * JSON escapes).
   */
  static void checkStorableStrict(String s) {
    checkStorable(s);
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new CoercionException(
              "contains an unpaired UTF-16 surrogate at position "
                  + (i + 1)
                  + "; the file was probably read with the wrong encoding");
        }
      }
    }
  }
}
