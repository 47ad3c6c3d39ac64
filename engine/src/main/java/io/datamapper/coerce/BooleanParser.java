package io.datamapper.coerce;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code boolean}: case-insensitive tokens, surrounding whitespace ignored. The default tokens are
 * PostgreSQL's full words plus {@code 1/0}; a format {@code "ja,j|nein,n"} replaces them with its
 * own true and false lists.
 */
final class BooleanParser implements ValueParser {
  private static final BooleanParser DEFAULT =
      new BooleanParser(
          new String[] {"true", "t", "yes", "y", "on", "1"},
          new String[] {"false", "f", "no", "n", "off", "0"});

  private final String[] trueTokens;
  private final String[] falseTokens;

  private BooleanParser(String[] trueTokens, String[] falseTokens) {
    this.trueTokens = trueTokens;
    this.falseTokens = falseTokens;
  }

  static BooleanParser of(String format) {
    if (format == null) return DEFAULT;
    int bar = format.indexOf('|');
    if (bar < 0 || format.indexOf('|', bar + 1) >= 0) {
      throw new IllegalArgumentException(
          "boolean format '"
              + format
              + "' must be the true tokens, '|', then the false tokens, e.g. 'ja,j|nein,n'");
    }
    String[] yes = tokens(format.substring(0, bar), format);
    String[] no = tokens(format.substring(bar + 1), format);
    for (String y : yes) {
      for (String n : no) {
        if (y.equalsIgnoreCase(n)) {
          throw new IllegalArgumentException(
              "boolean format '" + format + "' lists '" + y + "' as both true and false");
        }
      }
    }
    return new BooleanParser(yes, no);
  }

  private static String[] tokens(String side, String format) {
    List<String> out = new ArrayList<>();
    for (String t : side.split(",", -1)) {
      String token = t.strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("boolean format '" + format + "' has an empty token");
      }
      out.add(token);
    }
    return out.toArray(String[]::new);
  }

  @Override
  public Object parse(String raw) {
    return parseBoolean(raw) ? Boolean.TRUE : Boolean.FALSE;
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    sink.bool(parseBoolean(raw));
  }

  private boolean parseBoolean(String raw) {
    if (this == DEFAULT) {
      int known = DefaultTokens.match(raw);
      if (known != DefaultTokens.UNKNOWN) return known == DefaultTokens.TRUE;
    }
    int start = NumberSyntax.trimStart(raw);
    int len = NumberSyntax.trimEnd(raw, start) - start;
    if (matches(trueTokens, raw, start, len)) return true;
    if (matches(falseTokens, raw, start, len)) return false;
    throw new CoercionException(
        "not a boolean; expected one of "
            + String.join(", ", trueTokens)
            + " or "
            + String.join(", ", falseTokens));
  }

  private static boolean matches(String[] tokens, String raw, int start, int len) {
    for (String t : tokens) {
      if (t.length() == len && raw.regionMatches(true, start, t, 0, len)) return true;
    }
    return false;
  }
}
