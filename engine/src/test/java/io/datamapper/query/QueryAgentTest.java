package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import io.datamapper.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The question → SQL → answer loop with a scripted model: extraction, repairs, final refusals, the
 * audit.
 */
class QueryAgentTest {
  private String s;

  @BeforeEach
  void setUp() {
    s = QueryFixture.sampleSchema("agent");
  }

  private QueryConsole console(ScriptedChatModel model) {
    return QueryConsole.builder()
        .dataSource(TestDatabase.dataSource())
        .model(model.configured())
        .client("test")
        .settings(QuerySettings.defaults().withStatementTimeout(QueryFixture.TIMEOUT))
        .build();
  }

  private static Map<String, Object> lastAudit() {
    return TestDatabase.query("SELECT * FROM datamapper.queries ORDER BY id DESC LIMIT 1").get(0);
  }

  @Test
  void the_sql_is_the_first_sql_block_of_the_answer() {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            "Here you are:\n\n```sql\nSELECT country, count(*) AS customers FROM "
                + s
                + ".customers GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1;\n```\n\nAnd another:\n```sql\nSELECT 2\n```");

    QueryResult r = console(model).ask("Which country has the most customers?");

    assertThat(r.sql())
        .isEqualTo(
            "SELECT country, count(*) AS customers FROM "
                + s
                + ".customers GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
    assertThat(r.rows()).containsExactly(List.of("GB", 2L));
    assertThat(r.question()).isEqualTo("Which country has the most customers?");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.model()).isEqualTo("scripted/test");
    assertThat(model.requests).hasSize(1);
    assertThat(model.requests.get(0).get(0)).isInstanceOf(SystemMessage.class);
    assertThat(model.lastMessageOf(0))
        .contains(
            "CREATE TABLE " + s + ".customers", "Question: Which country has the most customers?");
    Map<String, Object> audit = lastAudit();
    assertThat(audit)
        .containsEntry("question", r.question())
        .containsEntry("verdict", "answered")
        .containsEntry("model", "scripted/test")
        .containsEntry("attempts", 1)
        .containsEntry("row_count", 1L);
  }

  @Test
  void an_answer_without_a_block_is_the_sql_itself() {
    QueryResult r =
        console(ScriptedChatModel.answering("  SELECT count(*) AS n FROM " + s + ".orders ;\n"))
            .ask("How many orders?");

    assertThat(r.rows()).containsExactly(List.of(40L));
  }

  @Test
  void a_postgresql_error_goes_back_to_the_model_and_the_repaired_sql_runs() {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            "```sql\nSELECT sum(amount) FROM " + s + ".orders\n```",
            "```sql\nSELECT sum(total) AS total FROM " + s + ".orders\n```");

    QueryResult r = console(model).ask("What is the total of all orders?");

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.sql()).contains("sum(total)");
    assertThat(model.requests.get(1)).hasSize(4); // rules, question, first answer, the error
    assertThat(model.requests.get(1).get(2)).isInstanceOf(AiMessage.class);
    assertThat(model.lastMessageOf(1))
        .contains("PostgreSQL refused", "column \"amount\" does not exist");
    assertThat(lastAudit()).containsEntry("attempts", 2).containsEntry("verdict", "answered");
  }

  @Test
  void after_two_repairs_the_error_is_reported() {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            "SELECT a FROM " + s + ".orders",
            "SELECT b FROM " + s + ".orders",
            "SELECT c FROM " + s + ".orders");

    assertThatThrownBy(() -> console(model).ask("Show me the letters"))
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.sql()).isEqualTo("SELECT c FROM " + s + ".orders");
              assertThat(e.getMessage()).contains("column \"c\" does not exist");
            });
    assertThat(model.requests).hasSize(1 + QueryConsole.MAX_REPAIRS);
    assertThat(lastAudit()).containsEntry("verdict", "failed").containsEntry("attempts", 3);
  }

  @Test
  void a_refusal_is_final_and_never_sent_back_to_the_model() {
    ScriptedChatModel model =
        ScriptedChatModel.answering("```sql\nDELETE FROM " + s + ".orders\n```");

    assertThatThrownBy(() -> console(model).ask("Please clean up the orders"))
        .isInstanceOfSatisfying(
            QueryRefusedException.class,
            e -> {
              assertThat(e.layer()).isEqualTo(Layer.PARSE);
              assertThat(e.sql()).isEqualTo("DELETE FROM " + s + ".orders");
            });
    assertThat(model.requests).hasSize(1);
    assertThat(TestDatabase.count(s + ".orders")).isEqualTo(40);
    assertThat(lastAudit())
        .containsEntry("verdict", "refused")
        .containsEntry("layer", "parse")
        .containsEntry("question", "Please clean up the orders")
        .containsEntry("model", "scripted/test");
  }

  @Test
  void without_a_model_a_question_names_the_variables_to_set_and_plain_sql_still_runs() {
    QueryConsole console = QueryConsole.builder().dataSource(TestDatabase.dataSource()).build();

    assertThatThrownBy(() -> console.ask("How many orders?"))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.notConfigured()).isTrue();
              assertThat(e.getMessage())
                  .contains(
                      "ANTHROPIC_API_KEY",
                      "OPENAI_BASE_URL",
                      "OPENAI_API_KEY",
                      "OLLAMA_BASE_URL",
                      "--sql");
            });
    assertThat(lastAudit())
        .containsEntry("verdict", "failed")
        .containsEntry("question", "How many orders?");
    assertThat(console.run("SELECT count(*) AS n FROM " + s + ".orders").rows())
        .containsExactly(List.of(40L));
  }

  @Test
  void a_model_that_fails_is_the_environments_fault() {
    ScriptedChatModel broken =
        new ScriptedChatModel(
            r -> {
              throw new IllegalStateException("connection refused");
            });

    assertThatThrownBy(() -> console(broken).ask("How many orders?"))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.notConfigured()).isFalse();
              assertThat(e.getMessage()).contains("scripted/test", "connection refused");
            });
  }

  @Test
  void a_question_cancelled_while_the_model_thinks_runs_no_sql() {
    Cancellation cancel = new Cancellation();
    ScriptedChatModel model =
        new ScriptedChatModel(
            r -> {
              cancel.cancel();
              return "SELECT 1";
            });

    assertThatThrownBy(() -> console(model).ask("anything", 10, cancel))
        .isInstanceOf(QueryCancelledException.class);
    assertThat(lastAudit()).containsEntry("verdict", "cancelled");
  }
}
