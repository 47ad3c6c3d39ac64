package io.datamapper.cli;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

/**
 * When the console's input is complete: SQL ends with {@code ;} or an empty line (so it can span
 * lines, as in psql); a question ends with its line, unless the line ends with a backslash; a
 * {@code \command} is one line. Incomplete input gets a continuation prompt. No escape characters
 * and no {@code !} history expansion: the text stays as typed.
 */
final class InputParser implements Parser {
  private volatile boolean sql;

  void sqlMode(boolean on) {
    sql = on;
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
    if (context == ParseContext.ACCEPT_LINE && !complete(line, sql))
      throw new EOFError(-1, cursor, "more input", sql ? "sql" : "ask");
    return new Line(line, cursor);
  }

  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }

  static boolean complete(String text, boolean sql) {
    String t = text.strip();
    if (t.isEmpty() || t.startsWith("\\")) return true;
    if (sql) return t.endsWith(";") || text.endsWith("\n");
    return !t.endsWith("\\");
  }

  /**
   * The input as the console runs it: continuation backslashes of a question joined, SQL's trailing
   * semicolons left to the guard.
   */
  static String clean(String text, boolean sql) {
    String t = sql ? text : text.replaceAll("\\\\\\R", " ");
    t = t.strip();
    return !sql && t.endsWith("\\") ? t.substring(0, t.length() - 1).strip() : t;
  }

  private record Line(String line, int cursor) implements CompletingParsedLine {
    @Override
    public String word() {
      return line;
    }

    @Override
    public int wordCursor() {
      return cursor;
    }

    @Override
    public int wordIndex() {
      return 0;
    }

    @Override
    public List<String> words() {
      return List.of(line);
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return cursor;
    }

    @Override
    public int rawWordLength() {
      return line.length();
    }
  }
}
