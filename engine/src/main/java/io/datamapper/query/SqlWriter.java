package io.datamapper.query;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the model for SQL, one ordinary chat call per attempt: the rules and the schema, then the
 * question; after a PostgreSQL error, the same conversation with the error appended. The answer is
 * read as text: the first {@code ```sql} block, or the whole answer when there is none. One
 * instance per question; not thread-safe.
 */
final class SqlWriter {
  private static final Pattern SQL_BLOCK =
      Pattern.compile("```sql[ \\t]*\\R(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  static final String RULES =
      """
      You write one PostgreSQL query that answers a question about the user's data.
      Rules:
      - Answer with exactly one read-only statement (SELECT, or WITH ... SELECT) in a ```sql fenced block.
      - Use only the tables and columns described below; qualify every table with its schema.
      - Columns named _import_id hold the id of the import (datamapper.imports.id) that loaded the row.
      - datamapper.imports is the import ledger: one row per file imported (file_name, target_schema, target_table,
        status, rows_inserted, started_at, ...); only imports with status 'succeeded' hold rows.
      - Give result columns short, readable names. Order the rows in the way the question implies.
      - When the question asks for a list without saying how many, add LIMIT 100.
      - Never write INSERT, UPDATE, DELETE, DDL, COPY, SET or transaction statements, and call no function with side effects.
      - If the tables cannot answer the question, write a SELECT returning one text column named note that says why.
      """;

  private final ConfiguredModel model;
  private final List<ChatMessage> messages = new ArrayList<>();
  private int attempts;

  SqlWriter(ConfiguredModel model) {
    this.model = model;
  }

  /** The SQL for {@code question} over the tables {@code schema} describes. */
  String first(String question, String schema) {
    messages.add(SystemMessage.from(RULES));
    messages.add(UserMessage.from("The database:\n\n" + schema + "\n\nQuestion: " + question));
    return ask();
  }

  /** A corrected statement after PostgreSQL refused {@code sql} with {@code error}. */
  String repair(String sql, String error) {
    messages.add(
        UserMessage.from(
            "PostgreSQL refused that statement:\n\n"
                + error
                + "\n\nWrite a corrected statement that answers the same question, in one ```sql block."));
    return ask();
  }

  int attempts() {
    return attempts;
  }

  private String ask() {
    attempts++;
    String text;
    try {
      AiMessage answer =
          model.chat().chat(ChatRequest.builder().messages(messages).build()).aiMessage();
      text = answer == null ? null : answer.text();
    } catch (RuntimeException e) {
      throw ModelException.failed(model.describe(), e);
    }
    if (text == null || text.isBlank())
      throw ModelException.failed(
          model.describe(), new IllegalStateException("the answer was empty"));
    messages.add(AiMessage.from(text));
    return extractSql(text);
  }

  /**
   * The content of the first {@code ```sql} block, or the whole answer; trailing semicolons
   * removed.
   */
  static String extractSql(String answer) {
    Matcher m = SQL_BLOCK.matcher(answer);
    String sql = m.find() ? m.group(1) : answer;
    return ParseGuard.stripTrailingSemicolons(sql);
  }
}
