package io.datamapper.query;

import dev.langchain4j.model.chat.ChatModel;

/**
 * A chat model the console asks for SQL: which provider, which model, where, and the LangChain4j
 * client. Tests pass any {@link ChatModel} (a scripted one, or a real client pointed at a stub
 * server). Immutable.
 *
 * @param provider {@code anthropic}, {@code openai}, {@code ollama}, or a test's name
 * @param name the model's name as the provider knows it
 * @param baseUrl where it is reached (never holds a key), or null
 */
public record ConfiguredModel(String provider, String name, String baseUrl, ChatModel chat) {
  /** {@code provider/name}, as shown to users and written to the audit table. */
  public String describe() {
    return provider + "/" + name;
  }
}
