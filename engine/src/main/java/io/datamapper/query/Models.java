package io.datamapper.query;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the chat model from the standard variables: Anthropic ({@code ANTHROPIC_API_KEY}, optional
 * {@code ANTHROPIC_BASE_URL}), any OpenAI-compatible server ({@code OPENAI_API_KEY} and/or {@code
 * OPENAI_BASE_URL}), or Ollama ({@code OLLAMA_BASE_URL}, through its OpenAI-compatible {@code /v1}
 * endpoint). {@code DATAMAPPER_LLM=anthropic|openai|ollama|none} picks one when several are set
 * (otherwise in that order); {@code DATAMAPPER_LLM_MODEL} names the model. Stateless.
 */
public final class Models {
  public static final String DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-6";
  public static final String DEFAULT_OPENAI_MODEL = "gpt-5-mini";
  public static final String DEFAULT_OLLAMA_MODEL = "qwen2.5-coder:7b";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Models() {}

  /**
   * The configured model, or empty when none is; {@code env} looks a variable up (the process
   * environment, or the server's properties). Throws {@link ModelException} when {@code
   * DATAMAPPER_LLM} names a provider whose variables are missing or an unknown one.
   */
  public static Optional<ConfiguredModel> fromEnvironment(Function<String, String> env) {
    String anthropicKey = value(env, "ANTHROPIC_API_KEY");
    String openAiKey = value(env, "OPENAI_API_KEY");
    String openAiUrl = value(env, "OPENAI_BASE_URL");
    String ollamaUrl = value(env, "OLLAMA_BASE_URL");
    String model = value(env, "DATAMAPPER_LLM_MODEL");
    String choice = value(env, "DATAMAPPER_LLM");
    List<String> available = new ArrayList<>();
    if (anthropicKey != null) available.add("anthropic");
    if (openAiKey != null || openAiUrl != null) available.add("openai");
    if (ollamaUrl != null) available.add("ollama");
    String provider;
    if (choice != null) {
      provider = choice.toLowerCase(Locale.ROOT);
      if (provider.equals("none")) return Optional.empty();
      if (!List.of("anthropic", "openai", "ollama").contains(provider)) {
        throw ModelException.misconfigured(
            "DATAMAPPER_LLM is '" + choice + "'; use anthropic, openai, ollama or none.");
      }
      if (!available.contains(provider)) {
        throw ModelException.misconfigured(
            "DATAMAPPER_LLM=" + provider + " but " + required(provider) + " is not set.");
      }
    } else if (available.isEmpty()) {
      return Optional.empty();
    } else {
      provider = available.get(0);
    }
    return Optional.of(
        switch (provider) {
          case "anthropic" -> anthropic(anthropicKey, value(env, "ANTHROPIC_BASE_URL"), model);
          case "openai" ->
              openAi(
                  "openai",
                  openAiKey,
                  openAiUrl == null ? "https://api.openai.com/v1" : openAiUrl,
                  model == null ? DEFAULT_OPENAI_MODEL : model);
          default ->
              openAi(
                  "ollama",
                  "ollama",
                  ollamaV1(ollamaUrl),
                  model == null ? DEFAULT_OLLAMA_MODEL : model);
        });
  }

  /**
   * Anthropic's Messages API; a base URL without {@code /v1} (as Anthropic's own SDKs take it) gets
   * it added.
   */
  static ConfiguredModel anthropic(String apiKey, String baseUrl, String model) {
    String url = baseUrl == null ? "https://api.anthropic.com/v1/" : withV1(baseUrl);
    String name = model == null ? DEFAULT_ANTHROPIC_MODEL : model;
    AnthropicChatModel chat =
        AnthropicChatModel.builder()
            .apiKey(apiKey)
            .baseUrl(url)
            .modelName(name)
            .maxTokens(2048)
            .timeout(TIMEOUT)
            .maxRetries(1)
            .logRequests(false)
            .logResponses(false)
            .build();
    return new ConfiguredModel("anthropic", name, url, chat);
  }

  /**
   * Chat completions of any OpenAI-compatible server (a server without keys gets a placeholder
   * one).
   */
  static ConfiguredModel openAi(String provider, String apiKey, String baseUrl, String model) {
    OpenAiChatModel chat =
        OpenAiChatModel.builder()
            .apiKey(apiKey == null ? "none" : apiKey)
            .baseUrl(baseUrl)
            .modelName(model)
            .timeout(TIMEOUT)
            .maxRetries(1)
            .logRequests(false)
            .logResponses(false)
            .build();
    return new ConfiguredModel(provider, model, baseUrl, chat);
  }

  static String ollamaV1(String url) {
    return withV1(url);
  }

  private static String withV1(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return u.endsWith("/v1") ? u : u + "/v1";
  }

  private static String required(String provider) {
    return switch (provider) {
      case "anthropic" -> "ANTHROPIC_API_KEY";
      case "openai" -> "OPENAI_BASE_URL or OPENAI_API_KEY";
      default -> "OLLAMA_BASE_URL";
    };
  }

  private static String value(Function<String, String> env, String name) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
