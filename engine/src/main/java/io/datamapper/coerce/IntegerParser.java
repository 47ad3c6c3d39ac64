package io.datamapper.coerce;

/** {@code integer} and {@code bigint}: optional sign, digits, optional thousands separators. */
record IntegerParser(boolean bigint, NumberSyntax syntax) implements ValueParser {

  @Override
  public Object parse(String raw) {
    long v = parseLong(raw);
    // not a ?: expression, which would promote the Integer to Long
    if (bigint) return Long.valueOf(v);
    return Integer.valueOf((int) v);
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    long v = parseLong(raw);
    if (bigint) sink.int8(v);
    else sink.int4((int) v);
  }

  private long parseLong(String raw) {
    int start = NumberSyntax.trimStart(raw);
    int end = NumberSyntax.trimEnd(raw, start);
    if (start == end) throw new CoercionException("is blank");
    int i = start;
    boolean negative = false;
    char c = raw.charAt(i);
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
    }
    // accumulate negatively: the negative range is one larger than the positive one
    long limit =
        bigint
            ? (negative ? Long.MIN_VALUE : -Long.MAX_VALUE)
            : (negative ? Integer.MIN_VALUE : -Integer.MAX_VALUE);
    long multmin = limit / 10;
    char thousands = syntax.thousands();
    long acc = 0;
    int digits = 0;
    int group = 0;
    boolean grouped = false;
    boolean overflow = false;
    for (; i < end; i++) {
      c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        int d = c - '0';
        if (acc < multmin || acc * 10 < limit + d) {
          overflow = true;
        } else {
          acc = acc * 10 - d;
        }
        digits++;
        group++;
      } else if (c == thousands && thousands != 0) {
        if (group == 0 || (grouped ? group != 3 : group > 3)) throw syntax.misplacedThousands();
        grouped = true;
        group = 0;
      } else {
        break;
      }
    }
    // "12.0", "1,5" and "1e3" are numbers too, but PostgreSQL refuses them for integers
    if (digits == 0 || i != end) throw new CoercionException("not a whole number");
    if (grouped && group != 3) throw syntax.misplacedThousands();
    if (overflow)
      throw new CoercionException(bigint ? "out of range for bigint" : "out of range for integer");
    return negative ? acc : -acc;
  }
}
