package io.datamapper.mapping;

import java.util.Objects;

/**
 * A table's name as a user writes it: {@code table}, {@code schema.table}, or either part in double
 * quotes ({@code "My Schema"."odd.name"}, a doubled {@code ""} for a quote inside). Unquoted, the
 * first dot separates the schema; a name starting with a dot has no schema. {@link #schema()} is
 * null when the name gives none: what that means (public, or any user schema) is the caller's to
 * decide through {@link #schemaOr(String)}.
 */
public record TableName(String schema, String table) {
  public TableName {
    Objects.requireNonNull(table, "table");
  }

  /**
   * Parses {@code text}; refuses (IllegalArgumentException) an unterminated quote or text after a
   * quoted part.
   */
  public static TableName parse(String text) {
    Objects.requireNonNull(text, "table name");
    if (!text.startsWith("\"")) {
      int dot = text.indexOf('.');
      if (dot <= 0) return new TableName(null, text);
      String rest = text.substring(dot + 1);
      return new TableName(
          text.substring(0, dot), rest.startsWith("\"") ? quotedOnly(rest, text) : rest);
    }
    int end = closingQuote(text, 0);
    String first = unquote(text.substring(1, end));
    String rest = text.substring(end + 1);
    if (rest.isEmpty()) return new TableName(null, first);
    if (!rest.startsWith(".") || rest.length() == 1)
      throw new IllegalArgumentException(
          "'" + text + "' is not a table name: expected . and a table after the schema");
    String second = rest.substring(1);
    return new TableName(first, second.startsWith("\"") ? quotedOnly(second, text) : second);
  }

  /** The schema, or {@code fallback} when the name gives none. */
  public String schemaOr(String fallback) {
    return schema == null ? fallback : schema;
  }

  /** {@code schema.table} (or {@code table}) as shown to a person, unquoted. */
  public String qualified() {
    return schema == null ? table : schema + "." + table;
  }

  /** {@code "schema"."table"} (or {@code "table"}), safe to put in SQL. */
  public String quoted() {
    return schema == null ? quote(table) : quote(schema) + "." + quote(table);
  }

  private static String quotedOnly(String part, String whole) {
    int end = closingQuote(part, 0);
    if (end != part.length() - 1)
      throw new IllegalArgumentException(
          "'" + whole + "' is not a table name: text after the closing quote");
    return unquote(part.substring(1, end));
  }

  /** The index of the quote closing the one at {@code open}, skipping doubled quotes. */
  private static int closingQuote(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) != '"') continue;
      if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
        i++;
      } else {
        return i;
      }
    }
    throw new IllegalArgumentException("'" + s + "' is not a table name: a quote is not closed");
  }

  private static String unquote(String inner) {
    return inner.replace("\"\"", "\"");
  }

  private static String quote(String part) {
    return '"' + part.replace("\"", "\"\"") + '"';
  }
}
