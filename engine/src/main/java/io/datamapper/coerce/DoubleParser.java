package io.datamapper.coerce;

import tools.jackson.core.io.NumberInput;

/**
 * {@code double precision}: decimal or exponent notation in the column's {@link NumberSyntax}, plus
 * PostgreSQL's spellings of NaN and infinities. Refuses values that overflow to infinity or
 * underflow to zero, as PostgreSQL does. The canonical text goes to Jackson's bundled
 * FastDoubleParser, several times faster than {@link Double#parseDouble} and likewise correctly
 * rounded, so the nearest double is the one PostgreSQL's {@code strtod} picks.
 */
record DoubleParser(NumberSyntax syntax) implements ValueParser {

  @Override
  public Object parse(String raw) {
    return parseDouble(raw);
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    sink.float8(parseDouble(raw));
  }

  private double parseDouble(String raw) {
    double special = NumberSyntax.special(raw);
    if (special != 0.0) return special;
    String s = syntax.canonical(raw);
    double d = NumberInput.parseDouble(s, true);
    if (Double.isInfinite(d) || (d == 0.0 && hasNonZeroDigit(s))) {
      throw new CoercionException("out of range for double precision");
    }
    return d;
  }

  private static boolean hasNonZeroDigit(String canonical) {
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c == 'e' || c == 'E') return false;
      if (c >= '1' && c <= '9') return true;
    }
    return false;
  }
}
