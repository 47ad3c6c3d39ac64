package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.server.Http;
import io.datamapper.server.Server;
import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.FakeChatModel;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /query} over HTTP on two servers: one whose environment names an OpenAI-compatible
 * model (a stub on 127.0.0.1), one with {@code DATAMAPPER_LLM=none}.
 */
class QueryApiTest {
  private static final String READER = "dm_query_reader_key_0123456789abcdef";
  private static FakeChatModel llm;
  private static Server withModel;
  private static Server withoutModel;
  private static String schema;

  @BeforeAll
  static void start() throws IOException {
    Migrations.migrate(TestDatabase.dataSource());
    schema = TestDatabase.freshSchema("query_api");
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".orders (id int PRIMARY KEY, country text, total numeric(10,2)); "
            + "INSERT INTO "
            + schema
            + ".orders VALUES (1, 'GB', 10.50), (2, 'US', 3), (3, 'GB', 7.25)");
    llm =
        FakeChatModel.start(
            request ->
                "SELECT country, sum(total) AS total FROM "
                    + schema
                    + ".orders GROUP BY 1 ORDER BY 2 DESC");
    withModel =
        server(
            "--DATAMAPPER_LLM=openai",
            "--OPENAI_BASE_URL=" + llm.baseUrl(),
            "--OPENAI_API_KEY=sk-stub",
            "--DATAMAPPER_LLM_MODEL=stub");
    withoutModel = server("--DATAMAPPER_LLM=none", "--datamapper.query.max-rows=2");
  }

  private static Server server(String... extra) throws IOException {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
                "--datamapper.api-keys=reader:" + ApiKeys.sha256(READER),
                "--datamapper.staging-dir=" + Files.createTempDirectory("dm-query-staging"),
                "--logging.level.root=WARN"));
    args.addAll(List.of(extra));
    return Server.start(Map.of(), args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (withModel != null) withModel.close();
    if (withoutModel != null) withoutModel.close();
    if (llm != null) llm.close();
  }

  private static Http.Response post(Server server, String key, String json) {
    Http http = new Http("http://127.0.0.1:" + server.port(), key);
    return http.send(
        http.builder("/query")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static void assertProblem(Http.Response r, int status, String... details) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).contains(details);
  }

  @Test
  void sql_with_a_reader_key_answers_with_the_same_json_as_the_cli() {
    Http.Response r =
        post(
            withModel,
            READER,
            "{\"sql\": \"SELECT id, total FROM "
                + schema
                + ".orders ORDER BY id\", \"maxRows\": 2}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.propertyNames())
        .contains(
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
    assertThat(r.body()).contains("\"rows\":[[1,10.50],[2,3.00]]");
    assertThat(j.get("truncated").asBoolean()).isTrue();
    assertThat(j.get("attempts").asInt()).isZero();
  }

  @Test
  void a_question_is_answered_by_the_servers_model() {
    Http.Response r =
        post(withModel, READER, "{\"question\": \"Which country ordered the most?\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("rows").get(0).toString()).isEqualTo("[\"GB\",17.75]");
    assertThat(r.json().get("model").asString()).isEqualTo("openai/stub");
    assertThat(r.json().get("question").asString()).isEqualTo("Which country ordered the most?");
    assertThat(r.json().get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void a_refusal_is_a_422_naming_the_layer_and_the_sql() {
    Http.Response r =
        post(withModel, READER, "{\"sql\": \"UPDATE " + schema + ".orders SET total = 0\"}");

    assertProblem(r, 422, "Refused by the parse layer");
    assertThat(r.json().get("layer").asString()).isEqualTo("parse");
    assertThat(r.json().get("sql").asString())
        .isEqualTo("UPDATE " + schema + ".orders SET total = 0");
    assertThat(
            TestDatabase.query("SELECT sum(total) AS s FROM " + schema + ".orders")
                .get(0)
                .get("s")
                .toString())
        .isEqualTo("20.75");
  }

  @Test
  void a_question_without_a_model_is_a_503_saying_how_to_configure_one_and_sql_still_works() {
    assertProblem(
        post(withoutModel, READER, "{\"question\": \"How many orders?\"}"),
        503,
        "ANTHROPIC_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "OLLAMA_BASE_URL",
        "{\"sql\"");
    Http.Response sql =
        post(
            withoutModel, READER, "{\"sql\": \"SELECT count(*) AS n FROM " + schema + ".orders\"}");
    assertThat(sql.status()).as(sql.body()).isEqualTo(200);
    assertThat(sql.json().get("rows").toString()).isEqualTo("[[3]]");
  }

  @Test
  void bad_requests_keys_and_sql_errors_are_problem_details() {
    assertThat(post(withModel, null, "{\"sql\": \"SELECT 1\"}").status()).isEqualTo(401);
    assertProblem(
        post(withModel, READER, "{\"sql\": \"SELECT 1\", \"question\": \"and?\"}"), 400, "either");
    assertProblem(
        post(withoutModel, READER, "{\"sql\": \"SELECT 1\", \"maxRows\": 3}"),
        400,
        "between 1 and 2");
    Http.Response failed =
        post(withModel, READER, "{\"sql\": \"SELECT nope FROM " + schema + ".orders\"}");
    assertProblem(failed, 422, "column \"nope\" does not exist");
    assertThat(failed.json().get("sqlState").asString()).isEqualTo("42703");
  }

  @Test
  void the_openapi_document_describes_the_request_the_answer_and_the_problems() {
    JsonNode doc =
        new Http("http://127.0.0.1:" + withModel.port(), null).get("/openapi.json").json();

    JsonNode op = doc.get("paths").get("/query").get("post");
    assertThat(op.get("requestBody").toString()).contains("QueryRequest");
    assertThat(op.get("responses").propertyNames()).contains("200", "422", "503");
    assertThat(op.get("responses").get("200").toString()).contains("QueryResult");
    assertThat(
            doc.get("components")
                .get("schemas")
                .get("QueryResult")
                .get("properties")
                .propertyNames())
        .contains(
            "question",
            "sql",
            "columns",
            "rows",
            "rowCount",
            "truncated",
            "durationMs",
            "model",
            "attempts");
  }
}
