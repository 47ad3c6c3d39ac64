package io.datamapper.query;

import io.datamapper.query.SqlLexer.Kind;
import io.datamapper.query.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The first layer of the read-only guard: reads the statement before it reaches the database and
 * lets through only one {@code SELECT}, {@code WITH … SELECT}, {@code VALUES}, {@code TABLE} or
 * {@code EXPLAIN} without {@code ANALYZE}, calling no function with side effects or server access.
 * Two readings must both agree: PostgreSQL's own tokens ({@link SqlLexer}: statement count, first
 * keyword, writing keywords, denied names) and JSqlParser's syntax tree ({@link SelectShape}:
 * statement kind, data-modifying CTEs, {@code SELECT INTO}, locking reads, every function called).
 * Whatever either cannot read is refused: this layer fails closed. Stateless and thread-safe.
 */
public final class ParseGuard {
  /** Longer statements are refused unread (a model never needs this much). */
  static final int MAX_SQL_CHARS = 100_000;

  private static final Set<String> FIRST_WORDS =
      Set.of("select", "with", "values", "table", "explain");

  /**
   * Checks {@code sql}; returns it without trailing semicolons, or throws a refusal naming this
   * layer.
   */
  public String check(String sql) {
    if (sql == null || sql.isBlank()) throw refuse("there is no statement", sql);
    if (sql.length() > MAX_SQL_CHARS)
      throw refuse("the statement is longer than " + MAX_SQL_CHARS + " characters", sql);
    List<Token> tokens;
    try {
      tokens = SqlLexer.tokens(sql);
    } catch (SqlLexer.UnreadableSqlException e) {
      throw refuse("the statement cannot be read: " + e.getMessage(), sql);
    }
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).kind() == Kind.SEMICOLON) end--;
    // the statement ends where its trailing semicolons start (a comment after them is dropped)
    String body =
        end < tokens.size() ? sql.substring(0, tokens.get(end).start()).strip() : sql.strip();
    tokens = tokens.subList(0, end);
    if (tokens.isEmpty()) throw refuse("there is no statement", sql);
    checkTokens(tokens, sql);
    checkTree(body, sql);
    return body;
  }

  private static void checkTokens(List<Token> tokens, String sql) {
    Token first =
        tokens.stream()
            .filter(t -> !(t.kind() == Kind.SYMBOL && t.text().equals("(")))
            .findFirst()
            .orElse(tokens.get(0));
    if (first.kind() != Kind.WORD || !FIRST_WORDS.contains(first.text())) {
      throw refuse(
          "only SELECT, WITH, VALUES, TABLE and EXPLAIN statements may run, not " + describe(first),
          sql);
    }
    boolean explain = first.isWord("explain");
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      switch (t.kind()) {
        case SEMICOLON ->
            throw refuse("only one statement may run; this text holds more than one", sql);
        case UNICODE_ESCAPE ->
            throw refuse("Unicode-escaped names and strings (U&) are not accepted", sql);
        case WORD -> {
          if (explain && (t.text().equals("analyze") || t.text().equals("analyse"))) {
            throw refuse(
                "EXPLAIN ANALYZE runs the statement; only EXPLAIN without ANALYZE may run", sql);
          }
          if (DeniedNames.keyword(t.text())) {
            throw refuse(
                "'"
                    + t.text().toUpperCase(Locale.ROOT)
                    + "' belongs to statements that write or lock; the console only reads"
                    + " (quote a column of that name: \""
                    + t.text()
                    + "\")",
                sql);
          }
          if (t.text().equals("for")
              && i + 1 < tokens.size()
              && tokens.get(i + 1).kind() == Kind.WORD
              && Set.of("share", "no", "key").contains(tokens.get(i + 1).text())) {
            throw refuse("locking reads (FOR UPDATE / FOR SHARE) are not allowed", sql);
          }
        }
        default -> {}
      }
      if (t.isIdentifier()) {
        boolean call =
            i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == Kind.SYMBOL
                && tokens.get(i + 1).text().equals("(");
        if (call) {
          DeniedNames.function(t.text())
              .ifPresent(
                  f -> {
                    throw refuse(
                        "the function " + f + "() is not allowed (side effects or server access)",
                        sql);
                  });
        }
        if (DeniedNames.relation(t.text()))
          throw refuse("the catalog table " + t.text() + " is not readable from the console", sql);
      }
    }
  }

  private static void checkTree(String body, String sql) {
    Statements statements;
    try {
      statements = CCJSqlParserUtil.parseStatements(body, parser -> parser.withTimeOut(5_000));
    } catch (JSQLParserException | RuntimeException e) {
      throw refuse(
          "the SQL parser cannot read the statement, so it is refused (" + firstLine(e) + ")", sql);
    }
    if (statements == null || statements.size() != 1) {
      throw refuse(
          "only one statement may run; the parser read "
              + (statements == null ? 0 : statements.size()),
          sql);
    }
    Statement statement = statements.get(0);
    if (statement instanceof ExplainStatement explain) {
      if (explain.getOption(ExplainStatement.OptionType.ANALYZE) != null) {
        throw refuse(
            "EXPLAIN ANALYZE runs the statement; only EXPLAIN without ANALYZE may run", sql);
      }
      statement = explain.getStatement();
    }
    if (!(statement instanceof Select select)) {
      throw refuse(
          "only SELECT, WITH, VALUES, TABLE and EXPLAIN statements may run, not " + kind(statement),
          sql);
    }
    String problem = SelectShape.problem(select);
    if (problem != null) throw refuse(problem, sql);
  }

  private static QueryRefusedException refuse(String reason, String sql) {
    return new QueryRefusedException(Layer.PARSE, reason, sql);
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case WORD -> t.text().toUpperCase(Locale.ROOT);
      case STRING -> "a string";
      default -> "'" + t.text() + "'";
    };
  }

  private static String kind(Statement s) {
    return s == null
        ? "nothing"
        : s.getClass()
            .getSimpleName()
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toUpperCase(Locale.ROOT);
  }

  private static String firstLine(Exception e) {
    Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.lines().findFirst().orElse(m);
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }

  static String stripTrailingSemicolons(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
    return s;
  }
}
