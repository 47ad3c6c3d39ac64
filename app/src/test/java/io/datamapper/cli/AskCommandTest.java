package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.FakeChatModel;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code datamapper ask}: plain SQL in-process; questions in a child JVM whose environment names
 * (or lacks) a model.
 */
class AskCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Logback's service lookup loads one logging class from the Spring Boot jar for any command that
   * logs; no context ever starts.
   */
  private static final String[] NO_SPRING_CONTEXT = {
    "org.springframework.context",
    "org.springframework.boot.SpringApplication",
    "org.springframework.beans"
  };

  private String schema;

  @BeforeEach
  void setUp() {
    Migrations.migrate(TestDatabase.dataSource());
    schema = TestDatabase.freshSchema("ask");
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".sales (country text, amount numeric(10,2)); "
            + "INSERT INTO "
            + schema
            + ".sales VALUES ('GB', 1200.50), ('US', 7.25), ('FI', 31)");
  }

  @Test
  void sql_prints_the_statement_a_table_with_numbers_right_aligned_and_the_count() {
    CliRun r =
        CliRun.of(
            "ask",
            "--sql",
            "SELECT country, amount FROM " + schema + ".sales ORDER BY amount DESC");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("SELECT country, amount FROM " + schema + ".sales ORDER BY amount DESC");
    assertThat(r.out())
        .contains("country |  amount\n", "GB      | 1200.50\n", "US      |    7.25\n");
    assertThat(lines.get(lines.size() - 1)).matches("3 rows in [\\d,]+ ms");
  }

  @Test
  void json_has_the_documented_members() {
    CliRun r =
        CliRun.of(
            "ask",
            "--sql",
            "SELECT country FROM " + schema + ".sales ORDER BY 1",
            "--json",
            "--max-rows",
            "2");

    JsonNode j = JSON.readTree(r.out());
    assertThat(j.propertyNames())
        .containsExactly(
            "question",
            "sql",
            "columns",
            "types",
            "rows",
            "rowCount",
            "truncated",
            "durationMs",
            "model",
            "attempts");
    assertThat(j.get("rows").toString()).isEqualTo("[[\"FI\"],[\"GB\"]]");
    assertThat(j.get("truncated").asBoolean()).isTrue();
    assertThat(j.get("rowCount").asInt()).isEqualTo(2);
  }

  @Test
  void a_refusal_exits_non_zero_naming_the_layer_the_reason_and_the_sql() {
    CliRun r = CliRun.of("ask", "--sql", "DROP TABLE " + schema + ".sales");
    CliRun json = CliRun.of("ask", "--sql", "SELECT pg_read_file('/etc/passwd')", "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "Refused by the parse layer: only SELECT",
            "not DROP",
            "SQL:\nDROP TABLE " + schema + ".sales");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(json.out()).get("layer").asString()).isEqualTo("parse");
    assertThat(TestDatabase.count(schema + ".sales")).isEqualTo(3);
  }

  private static Child child(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datamapper.app.DataMapper"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--db", TestDatabase.jdbcUrl()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    for (String v :
        List.of(
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_BASE_URL",
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "OLLAMA_BASE_URL",
            "DATAMAPPER_LLM",
            "DATAMAPPER_LLM_MODEL",
            "DATAMAPPER_DB_URL")) {
      pb.environment().remove(v);
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Child(p.waitFor(), out, err);
  }

  record Child(int exitCode, String out, String err) {}

  @Test
  void a_question_without_a_model_names_the_variables_and_loads_no_spring() throws Exception {
    Child c = child(Map.of(), "ask", "how many sales?");

    assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(1);
    assertThat(c.err())
        .contains("ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OLLAMA_BASE_URL");
    assertThat(c.out()).doesNotContain(NO_SPRING_CONTEXT);
  }

  @Test
  void a_question_is_answered_by_an_openai_compatible_server_from_the_environment()
      throws Exception {
    String sql = "SELECT country, amount FROM " + schema + ".sales ORDER BY amount DESC LIMIT 1";
    FakeChatModel server = FakeChatModel.start(request -> sql);
    try {
      Child c =
          child(
              Map.of("OPENAI_BASE_URL", server.baseUrl(), "DATAMAPPER_LLM_MODEL", "local"),
              "ask",
              "Which country sold the most?");

      assertThat(c.exitCode()).as(c.err()).isZero();
      assertThat(c.out())
          .contains(sql, "-- written by openai/local", "GB      | 1200.50", "1 row in ")
          .doesNotContain(NO_SPRING_CONTEXT);
    } finally {
      server.close();
    }
  }

  @Test
  void neither_or_both_of_question_and_sql_is_a_usage_error() throws IOException {
    assertThat(CliRun.of("ask").err()).contains("Give a QUESTION or --sql");
    assertThat(CliRun.of("ask", "q", "--sql", "SELECT 1").exitCode()).isEqualTo(1);
  }
}
