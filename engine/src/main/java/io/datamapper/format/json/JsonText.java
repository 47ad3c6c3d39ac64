package io.datamapper.format.json;

import java.util.regex.Pattern;

/** Writing JSON text: string quoting, and recognising a number literal. Stateless. */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private JsonText() {}

  /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
  static void appendString(StringBuilder out, String s) {
    out.append('"');
    int from = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, from, s.length()).append('"');
  }

  static boolean isNumber(String s) {
    return NUMBER.matcher(s).matches();
  }
}
