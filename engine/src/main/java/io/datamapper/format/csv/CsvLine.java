package io.datamapper.format.csv;

/**
 * Writes one CSV record: fields joined by the delimiter, quoted (quotes doubled) when they hold the
 * delimiter, the quote, a line break, or nothing at all (so an empty string stays apart from a
 * missing value, which is written as nothing). Stateless.
 */
public final class CsvLine {
  private CsvLine() {}

  public static String join(String[] values, char delimiter, char quote) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) sb.append(delimiter);
      String v = values[i];
      if (v == null) continue;
      boolean quoted =
          v.isEmpty()
              || v.indexOf(delimiter) >= 0
              || v.indexOf(quote) >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0;
      if (quoted) {
        String q = String.valueOf(quote);
        sb.append(q).append(v.replace(q, q + q)).append(q);
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }
}
