package io.datamapper.coerce;

import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * One-dimensional arrays, written either as a JSON array ({@code ["a", null, "b"]}, {@code [1, 2]})
 * or as a PostgreSQL array literal ({@code {a,NULL,"c d"}}). Each element goes through the element
 * type's parser; {@code null}/{@code NULL} elements stay null. The value is a {@link List} that may
 * contain nulls.
 */
record ArrayParser(ColumnType element, ValueParser elements) implements ValueParser {

  @Override
  public Object parse(String raw) {
    int start = NumberSyntax.trimStart(raw);
    int end = NumberSyntax.trimEnd(raw, start);
    if (start < end && raw.charAt(start) == '[') return fromJson(raw);
    if (start < end && raw.charAt(start) == '{') return fromLiteral(raw, start, end);
    throw new CoercionException(
        "not an array; write a JSON array like [1, 2] or a PostgreSQL array like {1,2}");
  }

  private List<Object> fromJson(String raw) {
    List<Object> out = new ArrayList<>();
    try (JsonParser p = JsonbParser.JSON.createParser(ObjectReadContext.empty(), raw)) {
      p.nextToken(); // START_ARRAY: the text starts with '['
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) throw new CoercionException("is not valid JSON: the array is not closed");
        out.add(
            switch (t) {
              case VALUE_NULL -> null;
              case VALUE_TRUE, VALUE_FALSE ->
                  elements instanceof BooleanParser
                      ? Boolean.valueOf(t == JsonToken.VALUE_TRUE)
                      : element(out.size(), t == JsonToken.VALUE_TRUE ? "true" : "false");
              case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                  element(out.size(), p.getString());
              default ->
                  throw new CoercionException(
                      "has a nested array or object; "
                          + element.spelling()
                          + "[] takes one-dimensional arrays of values");
            });
      }
      if (p.nextToken() != null)
        throw new CoercionException("is not valid JSON: more than one value");
    } catch (JacksonException e) {
      throw JsonbParser.notJson(e);
    }
    return out;
  }

  private List<Object> fromLiteral(String s, int start, int end) {
    List<Object> out = new ArrayList<>();
    int i = skipSpaces(s, start + 1, end);
    if (i < end && s.charAt(i) == '}') return closed(out, i, end);
    StringBuilder sb = new StringBuilder();
    while (true) {
      i = skipSpaces(s, i, end);
      if (i >= end) throw malformed("the array is not closed with }");
      char c = s.charAt(i);
      if (c == '{')
        throw new CoercionException(
            "is a multi-dimensional array; " + element.spelling() + "[] takes one dimension");
      sb.setLength(0);
      boolean quoted = c == '"';
      if (quoted) {
        for (i++; i < end && s.charAt(i) != '"'; i++) {
          if (s.charAt(i) == '\\') i++;
          if (i < end) sb.append(s.charAt(i));
        }
        if (i >= end) throw malformed("a quoted element is not closed");
        i = skipSpaces(s, i + 1, end);
      } else {
        int keep = 0; // length without trailing unescaped spaces
        for (; i < end && (c = s.charAt(i)) != ',' && c != '}'; i++) {
          if (c == '"' || c == '{') throw malformed("unexpected " + c + " in an unquoted element");
          if (c == '\\' && i + 1 < end) {
            sb.append(s.charAt(++i));
            keep = sb.length();
          } else {
            sb.append(c);
            if (!NumberSyntax.isSpace(c)) keep = sb.length();
          }
        }
        sb.setLength(keep);
        if (keep == 0)
          throw malformed("an element is empty; write \"\" for an empty string or NULL");
      }
      String text = sb.toString();
      out.add(!quoted && text.equalsIgnoreCase("NULL") ? null : element(out.size(), text));
      if (i >= end) throw malformed("the array is not closed with }");
      if (s.charAt(i) == '}') return closed(out, i, end);
      if (s.charAt(i) != ',') throw malformed("elements must be separated by commas");
      i++;
    }
  }

  private static List<Object> closed(List<Object> out, int brace, int end) {
    if (brace + 1 != end) throw malformed("there is text after the closing }");
    return out;
  }

  private Object element(int index, String text) {
    try {
      return elements.parse(text);
    } catch (CoercionException e) {
      throw e.prefixed("element " + (index + 1));
    }
  }

  private static int skipSpaces(String s, int i, int end) {
    while (i < end && NumberSyntax.isSpace(s.charAt(i))) i++;
    return i;
  }

  private static CoercionException malformed(String why) {
    return new CoercionException("is a malformed array literal: " + why);
  }
}
