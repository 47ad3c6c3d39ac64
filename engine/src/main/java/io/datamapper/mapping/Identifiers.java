package io.datamapper.mapping;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQL identifiers that come from files and mappings. Every identifier is validated by {@link
 * #problem(String)} and always emitted through {@link #quote(String)}, so a header such as {@code
 * a"; drop table x; --} becomes a harmless column name. Stateless.
 */
public final class Identifiers {
  /** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
  public static final int MAX_BYTES = 63;

  /** Lineage column added to every table Data Mapper creates. */
  public static final String IMPORT_ID = "_import_id";

  private static final Set<String> RESERVED =
      Set.of(IMPORT_ID, "ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid");

  private Identifiers() {}

  /** Why {@code name} cannot be a table or column name, or {@code null} when it can. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) return "the name is empty";
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "the name '" + name + "' is longer than " + MAX_BYTES + " bytes";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i)))
        return "the name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains a control character";
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return "the name '" + name + "' is reserved (system or lineage column)";
    }
    return null;
  }

  /** Quotes an identifier for SQL: {@code my "col"} becomes {@code "my ""col"""}. */
  public static String quote(String name) {
    String p = problem(name);
    if (p != null && !IMPORT_ID.equals(name)) throw new IllegalArgumentException(p);
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.table}, both quoted. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /**
   * Turns a header into a snake_case identifier: accents folded, camelCase split, runs of other
   * characters become one underscore, a leading digit gets a {@code c_} prefix, cut to {@link
   * #MAX_BYTES}. An empty result becomes {@code column}.
   */
  public static String snakeCase(String header) {
    if (header == null) return "column";
    // XML text nodes are named #text by the reader: "title.#text" reads better as title_text
    header = header.replace("#text", "text");
    String s =
        Normalizer.normalize(fold(header.strip()), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    s = s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
    s =
        s.toLowerCase(Locale.ROOT)
            .replace("%", " pct ")
            .replace("#", " num ")
            .replace("&", " and ");
    s = s.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    if (s.isEmpty()) s = "column";
    if (Character.isDigit(s.charAt(0))) s = "c_" + s;
    if (RESERVED.contains(s)) s = s + "_";
    return truncate(s);
  }

  /** snake_case names for a header row, deduplicated with {@code _2}, {@code _3}... suffixes. */
  public static List<String> uniqueSnakeCase(Collection<String> headers) {
    Set<String> used = new HashSet<>();
    return headers.stream()
        .map(
            h -> {
              String base = snakeCase(h);
              String name = base;
              for (int n = 2; !used.add(name); n++)
                name = truncate(base, ("_" + n).length()) + "_" + n;
              return name;
            })
        .toList();
  }

  /** Letters that Unicode decomposition does not fold to ASCII. */
  private static String fold(String s) {
    return s.replace("ß", "ss")
        .replace("Æ", "AE")
        .replace("æ", "ae")
        .replace("Ø", "O")
        .replace("ø", "o")
        .replace("Œ", "OE")
        .replace("œ", "oe")
        .replace("Ł", "L")
        .replace("ł", "l")
        .replace("Đ", "D")
        .replace("đ", "d");
  }

  private static String truncate(String s) {
    return truncate(s, 0);
  }

  private static String truncate(String s, int reserve) {
    int limit = MAX_BYTES - reserve;
    while (s.getBytes(StandardCharsets.UTF_8).length > limit) s = s.substring(0, s.length() - 1);
    return s;
  }
}
