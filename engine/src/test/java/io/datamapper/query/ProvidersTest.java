package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real LangChain4j Anthropic and OpenAI clients, chosen from the environment as a user sets it,
 * against a stub server on 127.0.0.1 that answers in each provider's wire format.
 */
class ProvidersTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "";
  private String s;

  record Recorded(String method, String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] in = exchange.getRequestBody().readAllBytes();
          requests.add(
              new Recorded(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  JSON.readTree(new String(in, StandardCharsets.UTF_8))));
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    s = QueryFixture.sampleSchema("providers");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private QueryResult ask(Map<String, String> env, String question) {
    ConfiguredModel model = Models.fromEnvironment(env::get).orElseThrow();
    return QueryConsole.builder()
        .dataSource(TestDatabase.dataSource())
        .model(model)
        .build()
        .ask(question);
  }

  private static String anthropicAnswer(String text) {
    return JSON.writeValueAsString(
        Map.of(
            "id",
            "msg_01",
            "type",
            "message",
            "role",
            "assistant",
            "model",
            "claude-sonnet-4-6",
            "content",
            List.of(Map.of("type", "text", "text", text)),
            "stop_reason",
            "end_turn",
            "usage",
            Map.of("input_tokens", 812, "output_tokens", 40)));
  }

  private static String openAiAnswer(String model, String text) {
    return JSON.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "created",
            1_767_000_000,
            "model",
            model,
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "message",
                    Map.of("role", "assistant", "content", text),
                    "finish_reason",
                    "stop")),
            "usage",
            Map.of("prompt_tokens", 812, "completion_tokens", 40, "total_tokens", 852)));
  }

  @Test
  void anthropic_messages_api_with_key_version_system_prompt_and_question() {
    answer = anthropicAnswer("```sql\nSELECT count(*) AS n FROM " + s + ".orders\n```");

    QueryResult r =
        ask(
            Map.of("ANTHROPIC_API_KEY", "sk-ant-test", "ANTHROPIC_BASE_URL", base()),
            // the schema named, so this test's table ranks first among the shared database's
            // many orders tables and is described in the prompt
            "How many orders are there in " + s + "?");

    assertThat(r.rows()).containsExactly(List.of(40L));
    assertThat(r.model()).isEqualTo("anthropic/" + Models.DEFAULT_ANTHROPIC_MODEL);
    Recorded req = requests.get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/v1/messages");
    assertThat(req.header("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(req.header("anthropic-version")).isNotBlank();
    assertThat(req.body().get("model").asString()).isEqualTo(Models.DEFAULT_ANTHROPIC_MODEL);
    assertThat(req.body().get("system").toString()).contains("You write one PostgreSQL query");
    assertThat(req.body().get("messages").get(0).toString())
        .contains("How many orders are there in " + s + "?", "CREATE TABLE " + s + ".orders");
  }

  @Test
  void an_openai_compatible_server_with_bearer_key_and_the_chosen_model() {
    answer = openAiAnswer("my-model", "SELECT name FROM " + s + ".customers WHERE country = 'US'");

    QueryResult r =
        ask(
            Map.of(
                "OPENAI_API_KEY",
                "sk-oai-test",
                "OPENAI_BASE_URL",
                base() + "/v1",
                "DATAMAPPER_LLM_MODEL",
                "my-model"),
            "Which customers are in the US?");

    assertThat(r.rows()).containsExactly(List.of("Grace"));
    assertThat(r.model()).isEqualTo("openai/my-model");
    Recorded req = requests.get(0);
    assertThat(req.path()).isEqualTo("/v1/chat/completions");
    assertThat(req.header("Authorization")).isEqualTo("Bearer sk-oai-test");
    assertThat(req.body().get("model").asString()).isEqualTo("my-model");
    assertThat(req.body().get("messages").get(0).get("role").asString()).isEqualTo("system");
    assertThat(req.body().get("messages").get(1).toString())
        .contains("Which customers are in the US?");
  }

  @Test
  void ollama_through_its_openai_compatible_endpoint_and_a_repair_round_trip() {
    answer = openAiAnswer(Models.DEFAULT_OLLAMA_MODEL, "SELECT sum(amount) FROM " + s + ".orders");
    server.removeContext("/");
    server.createContext(
        "/",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
          requests.add(
              new Recorded(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          byte[] out =
              (requests.size() == 1
                      ? answer
                      : openAiAnswer(
                          Models.DEFAULT_OLLAMA_MODEL,
                          "SELECT sum(total) AS total FROM " + s + ".orders"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });

    QueryResult r = ask(Map.of("OLLAMA_BASE_URL", base()), "What do all orders add up to?");

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.model()).isEqualTo("ollama/" + Models.DEFAULT_OLLAMA_MODEL);
    assertThat(requests)
        .extracting(Recorded::path)
        .containsExactly("/v1/chat/completions", "/v1/chat/completions");
    assertThat(requests.get(1).body().get("messages").toString())
        .contains("column \\\"amount\\\" does not exist");
  }

  @Test
  void a_provider_refusing_the_key_is_a_model_failure_naming_the_model() {
    status = 401;
    answer =
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";

    assertThatThrownBy(
            () ->
                ask(
                    Map.of("ANTHROPIC_API_KEY", "sk-wrong", "ANTHROPIC_BASE_URL", base()),
                    "How many orders?"))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.notConfigured()).isFalse();
              assertThat(e.getMessage())
                  .contains("anthropic/" + Models.DEFAULT_ANTHROPIC_MODEL, "invalid x-api-key");
            });
  }

  @Test
  void the_environment_picks_the_provider() {
    assertThat(Models.fromEnvironment(Map.<String, String>of()::get)).isEmpty();
    assertThat(
            Models.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k", "OPENAI_API_KEY", "o")::get)
                .orElseThrow()
                .provider())
        .isEqualTo("anthropic");
    assertThat(
            Models.fromEnvironment(
                    Map.of(
                            "ANTHROPIC_API_KEY",
                            "k",
                            "OPENAI_API_KEY",
                            "o",
                            "DATAMAPPER_LLM",
                            "openai")
                        ::get)
                .orElseThrow())
        .satisfies(
            m -> {
              assertThat(m.provider()).isEqualTo("openai");
              assertThat(m.name()).isEqualTo(Models.DEFAULT_OPENAI_MODEL);
              assertThat(m.baseUrl()).isEqualTo("https://api.openai.com/v1");
            });
    assertThat(
            Models.fromEnvironment(Map.of("OLLAMA_BASE_URL", "http://127.0.0.1:11434/")::get)
                .orElseThrow()
                .baseUrl())
        .isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(
            Models.fromEnvironment(
                    Map.of(
                            "OPENAI_BASE_URL",
                            "http://127.0.0.1:8000/v1",
                            "DATAMAPPER_LLM_MODEL",
                            "qwen")
                        ::get)
                .orElseThrow())
        .satisfies(m -> assertThat(m.describe()).isEqualTo("openai/qwen"));
    assertThat(
            Models.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k", "DATAMAPPER_LLM", "none")::get))
        .isEmpty();
    assertThatThrownBy(() -> Models.fromEnvironment(Map.of("DATAMAPPER_LLM", "ollama")::get))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("OLLAMA_BASE_URL is not set");
    assertThatThrownBy(() -> Models.fromEnvironment(Map.of("DATAMAPPER_LLM", "gemini")::get))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("use anthropic, openai, ollama or none");
  }
}
