package io.datamapper.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted OpenAI-compatible model on 127.0.0.1 for the query console's tests: every {@code POST
 * /v1/chat/completions} is answered with the SQL {@code sqlFor} picks for the request body, in a
 * {@code ```sql} block, as a real model answers. Stopped by {@link #close()}.
 */
public final class FakeChatModel implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpServer server;

  private FakeChatModel(HttpServer server) {
    this.server = server;
  }

  /** Starts a model that answers with {@code sqlFor.apply(requestBody)}. */
  public static FakeChatModel start(UnaryOperator<String> sqlFor) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String sql = sqlFor.apply(request);
          byte[] out =
              JSON.writeValueAsBytes(
                  Map.of(
                      "id",
                      "c1",
                      "object",
                      "chat.completion",
                      "created",
                      1,
                      "model",
                      "stub",
                      "choices",
                      List.of(
                          Map.of(
                              "index",
                              0,
                              "message",
                              Map.of("role", "assistant", "content", "```sql\n" + sql + "\n```"),
                              "finish_reason",
                              "stop"))));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    return new FakeChatModel(server);
  }

  /** The base URL to give as {@code OPENAI_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
