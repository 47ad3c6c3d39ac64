package io.datamapper.coerce;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code jsonb}: the text must be exactly one JSON value that PostgreSQL's jsonb accepts; the value
 * stays the original string. Besides syntax this refuses what jsonb cannot store ({@code \u0000},
 * unpaired surrogates, numbers beyond numeric's range), because PostgreSQL would otherwise fail the
 * whole COPY on that one row.
 */
final class JsonbParser implements ValueParser {
  static final JsonbParser INSTANCE = new JsonbParser();

  /** Thread-safe; limits widened to what jsonb itself can hold. */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxDocumentLength(-1)
                  .maxNumberLength(NumericParser.MAX_INTEGER_DIGITS + NumericParser.MAX_SCALE + 2)
                  .build())
          .build();

  private JsonbParser() {}

  @Override
  public Object parse(String raw) {
    TextParser.checkStorableStrict(raw);
    boolean escapes = raw.indexOf("\\u") >= 0;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), raw)) {
      if (p.nextToken() == null) throw new CoercionException("is not JSON: it is blank");
      int depth = 0;
      do {
        JsonToken t = p.currentToken();
        switch (t) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case PROPERTY_NAME, VALUE_STRING -> {
            if (escapes) checkDecoded(p.getString());
          }
          case VALUE_NUMBER_FLOAT -> checkNumber(p.getString());
          default -> {}
        }
      } while (depth > 0 && p.nextToken() != null);
      if (p.nextToken() != null) throw new CoercionException("is not JSON: more than one value");
    } catch (JacksonException e) {
      throw notJson(e);
    }
    return raw;
  }

  static void checkDecoded(String s) {
    try {
      TextParser.checkStorableStrict(s);
    } catch (CoercionException e) {
      throw new CoercionException("has a JSON string that jsonb cannot store: " + e.reason());
    }
  }

  private static void checkNumber(String number) {
    if (number.indexOf('e') < 0 && number.indexOf('E') < 0) return;
    BigDecimal v;
    try {
      v = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new CoercionException("has a JSON number out of range for jsonb: " + number);
    }
    if (v.scale() > NumericParser.MAX_SCALE
        || v.precision() - v.scale() > NumericParser.MAX_INTEGER_DIGITS) {
      throw new CoercionException("has a JSON number out of range for jsonb: " + number);
    }
  }

  static CoercionException notJson(JacksonException e) {
    String message = e.getOriginalMessage();
    int eol = message == null ? -1 : message.indexOf('\n');
    if (eol >= 0) message = message.substring(0, eol);
    TokenStreamLocation at = e.getLocation();
    String where =
        at == null || at.getColumnNr() < 0
            ? ""
            : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new CoercionException("is not valid JSON" + where + ": " + message);
  }
}
