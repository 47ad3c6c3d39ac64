package io.datamapper.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into tokens the way PostgreSQL's own lexer does, so the parse layer can check what the
 * server will see rather than what another parser thinks: nested block comments, {@code ''} and
 * {@code E'\''} strings, dollar quoting, {@code "quoted"} identifiers. Unicode-escaped names
 * ({@code U&"..."}) are reported as such, to be refused. Stateless.
 */
final class SqlLexer {
  /**
   * A token; {@code text} is lower-cased for {@link Kind#WORD}, unquoted for {@link Kind#QUOTED}.
   */
  record Token(Kind kind, String text, int start) {
    Token(Kind kind, String text) {
      this(kind, text, -1);
    }

    boolean isWord(String w) {
      return kind == Kind.WORD && text.equals(w);
    }

    /** An identifier as PostgreSQL resolves it: unquoted words fold to lower case. */
    boolean isIdentifier() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }
  }

  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    PARAMETER,
    SEMICOLON,
    SYMBOL,
    UNICODE_ESCAPE
  }

  /** SQL this lexer cannot read to the end (an unterminated string, comment or quote). */
  static final class UnreadableSqlException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableSqlException(String message) {
      super(message);
    }
  }

  private SqlLexer() {}

  static List<Token> tokens(String sql) throws UnreadableSqlException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockComment(sql, i);
      } else if ((c == 'u' || c == 'U')
          && i + 2 < n
          && sql.charAt(i + 1) == '&'
          && (sql.charAt(i + 2) == '\'' || sql.charAt(i + 2) == '"')) {
        out.add(new Token(Kind.UNICODE_ESCAPE, sql.substring(i, Math.min(n, i + 12))));
        i =
            sql.charAt(i + 2) == '"'
                ? quoted(sql, i + 2, new StringBuilder())
                : string(sql, i + 2, false);
      } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        int end = string(sql, i + 1, true);
        out.add(new Token(Kind.STRING, sql.substring(i, end)));
        i = end;
      } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N')
          && i + 1 < n
          && sql.charAt(i + 1) == '\'') {
        int end = string(sql, i + 1, false);
        out.add(new Token(Kind.STRING, sql.substring(i, end)));
        i = end;
      } else if (c == '\'') {
        int end = string(sql, i, false);
        out.add(new Token(Kind.STRING, sql.substring(i, end)));
        i = end;
      } else if (c == '"') {
        StringBuilder name = new StringBuilder();
        i = quoted(sql, i, name);
        out.add(new Token(Kind.QUOTED, name.toString()));
      } else if (c == '$') {
        int end = dollar(sql, i, out);
        i = end;
      } else if (isIdentStart(c)) {
        int start = i;
        while (i < n && isIdentPart(sql.charAt(i))) i++;
        out.add(new Token(Kind.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT)));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '.'
                || sql.charAt(i) == '_')) i++;
        out.add(new Token(Kind.NUMBER, sql.substring(start, i)));
      } else if (c == ';') {
        out.add(new Token(Kind.SEMICOLON, ";", i));
        i++;
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 127;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }

  /** PostgreSQL's block comments nest. */
  private static int blockComment(String sql, int i) throws UnreadableSqlException {
    int depth = 0;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) return i;
      } else {
        i++;
      }
    }
    throw new UnreadableSqlException("a /* comment is not closed");
  }

  /**
   * A '...' string from the quote at {@code i}; {@code ''} escapes a quote, and with {@code
   * escapes} so does a backslash.
   */
  private static int string(String sql, int i, boolean escapes) throws UnreadableSqlException {
    int n = sql.length();
    i++;
    while (i < n) {
      char c = sql.charAt(i);
      if (escapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new UnreadableSqlException("a string literal is not closed");
  }

  private static int quoted(String sql, int i, StringBuilder name) throws UnreadableSqlException {
    int n = sql.length();
    i++;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '"') {
        if (i + 1 < n && sql.charAt(i + 1) == '"') {
          name.append('"');
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        name.append(c);
        i++;
      }
    }
    throw new UnreadableSqlException("a \"quoted\" name is not closed");
  }

  /** {@code $1} is a parameter; {@code $tag$ ... $tag$} a dollar-quoted string. */
  private static int dollar(String sql, int i, List<Token> out) throws UnreadableSqlException {
    int n = sql.length();
    int j = i + 1;
    if (j < n && Character.isDigit(sql.charAt(j))) {
      while (j < n && Character.isDigit(sql.charAt(j))) j++;
      out.add(new Token(Kind.PARAMETER, sql.substring(i, j)));
      return j;
    }
    while (j < n
        && sql.charAt(j) != '$'
        && (Character.isLetterOrDigit(sql.charAt(j))
            || sql.charAt(j) == '_'
            || sql.charAt(j) > 127)) j++;
    if (j >= n || sql.charAt(j) != '$') {
      out.add(new Token(Kind.SYMBOL, "$"));
      return i + 1;
    }
    String tag = sql.substring(i, j + 1);
    int end = sql.indexOf(tag, j + 1);
    if (end < 0) throw new UnreadableSqlException("a " + tag + " quoted string is not closed");
    out.add(new Token(Kind.STRING, sql.substring(i, end + tag.length())));
    return end + tag.length();
  }
}
