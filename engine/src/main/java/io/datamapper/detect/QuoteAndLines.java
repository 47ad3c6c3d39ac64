package io.datamapper.detect;

/** The quote character and the line separator of a sample. Stateless. */
final class QuoteAndLines {
  private QuoteAndLines() {}

  /** {@code '} only when it wraps more fields than {@code "} does. */
  static char quote(String text) {
    return boundaryQuotes(text, '\'') > boundaryQuotes(text, '"') ? '\'' : '"';
  }

  private static int boundaryQuotes(String text, char q) {
    int opening = 0;
    int closing = 0;
    for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
      if (i == 0 || isBoundary(text.charAt(i - 1))) opening++;
      if (i == text.length() - 1 || isBoundary(text.charAt(i + 1))) closing++;
    }
    return Math.min(opening, closing);
  }

  private static boolean isBoundary(char c) {
    return c == '\n' || c == '\r' || c == ',' || c == ';' || c == '\t' || c == '|';
  }

  /** The first line break outside quotes; {@code \n} when the sample has none. */
  static String lineSeparator(String text, char quote) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote) {
        quoted = !quoted;
      } else if (!quoted && c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      } else if (!quoted && c == '\n') {
        return "\n";
      }
    }
    return "\n";
  }

  static String lineSeparatorEvidence(String text, String sep) {
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
      return "no line break in the sample (one line)";
    return "line separator "
        + switch (sep) {
          case "\r\n" -> "CRLF (\\r\\n)";
          case "\r" -> "CR (\\r)";
          default -> "LF (\\n)";
        };
  }
}
