package io.datamapper.coerce;

import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code numeric}: plain or exponent notation in the column's {@link NumberSyntax}. A constrained
 * column rounds half away from zero to its scale like PostgreSQL and refuses values with more
 * integer digits than {@code precision - scale}; the value then carries exactly the column's scale.
 * An unconstrained column keeps the written scale ({@code 1.500}).
 */
record NumericParser(ColumnType.Numeric type, NumberSyntax syntax) implements ValueParser {
  /** PostgreSQL's hard limits for any numeric: digits before and after the decimal point. */
  static final int MAX_INTEGER_DIGITS = 131_072;

  static final int MAX_SCALE = 16_383;

  @Override
  public void parseTo(String raw, ValueSink sink) {
    if (!PlainDecimal.parseTo(raw, syntax.decimal(), type, sink)) sink.value(parse(raw));
  }

  @Override
  public Object parse(String raw) {
    if (NumberSyntax.special(raw) != 0.0) {
      throw new CoercionException("NaN and infinity are not supported for numeric columns");
    }
    BigDecimal v = toBigDecimal(syntax.canonical(raw));
    if (v.scale() > MAX_SCALE) {
      throw new CoercionException(
          "has more than "
              + MAX_SCALE
              + " digits after the decimal point, the most PostgreSQL numeric allows");
    }
    if (integerDigits(v) > MAX_INTEGER_DIGITS) {
      throw new CoercionException(
          "has more than "
              + MAX_INTEGER_DIGITS
              + " digits before the decimal point, the most PostgreSQL numeric allows");
    }
    if (type.precision() == null) {
      return v.scale() < 0 ? v.setScale(0) : v;
    }
    int scale = type.scale() == null ? 0 : type.scale();
    v = v.setScale(scale, RoundingMode.HALF_UP);
    int allowed = type.precision() - scale;
    int needed = integerDigits(v);
    if (needed > allowed) {
      throw new CoercionException(
          "needs "
              + needed
              + " digit"
              + (needed == 1 ? "" : "s")
              + " before the decimal point but "
              + type.sql()
              + " allows "
              + allowed);
    }
    return v;
  }

  private static int integerDigits(BigDecimal v) {
    return v.signum() == 0 ? 0 : Math.max(0, v.precision() - v.scale());
  }

  /** Builds the value from canonical text; short plain numbers skip BigDecimal's parser. */
  static BigDecimal toBigDecimal(String s) {
    int len = s.length();
    if (len <= 18) {
      long unscaled = 0;
      int scale = 0;
      boolean fraction = false;
      boolean negative = false;
      boolean plain = true;
      for (int i = 0; i < len && plain; i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          unscaled = unscaled * 10 + (c - '0');
          if (fraction) scale++;
        } else if (c == '.') {
          fraction = true;
        } else if (c == '-') {
          negative = true;
        } else {
          plain = false; // exponent
        }
      }
      if (plain) return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      // only an exponent beyond the int range gets here; the syntax was checked already
      throw new CoercionException("has an exponent out of range");
    }
  }
}
