package io.datamapper.query;

import io.datamapper.DataMapperException;

/**
 * No language model is configured, or the configured one failed (unreachable, refused the key,
 * timed out): the environment's fault. {@link #notConfigured()} tells which.
 */
public final class ModelException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  /** What to set to get a model; names every variable the console reads. */
  public static final String HOW_TO_CONFIGURE =
      "Set ANTHROPIC_API_KEY (Anthropic; optional ANTHROPIC_BASE_URL), "
          + "or OPENAI_BASE_URL and/or OPENAI_API_KEY (OpenAI or any OpenAI-compatible server: vLLM, llama.cpp, LM Studio), "
          + "or OLLAMA_BASE_URL (a local Ollama, e.g. http://127.0.0.1:11434). DATAMAPPER_LLM=anthropic|openai|ollama picks one "
          + "when several are set, DATAMAPPER_LLM_MODEL names the model.";

  private final boolean notConfigured;

  private ModelException(String message, boolean notConfigured, Throwable cause) {
    super(message, cause);
    this.notConfigured = notConfigured;
  }

  /** No model is configured; the message names every variable that would configure one. */
  public static ModelException missing() {
    return new ModelException(
        "No language model is configured to turn questions into SQL. "
            + HOW_TO_CONFIGURE
            + " Plain SQL needs no model: datamapper ask --sql \"SELECT ...\".",
        true,
        null);
  }

  static ModelException failed(String model, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ModelException(
        "The language model " + model + " did not answer: " + why, false, cause);
  }

  /** Also for a setting that names a provider whose variables are missing. */
  static ModelException misconfigured(String message) {
    return new ModelException(message + " " + HOW_TO_CONFIGURE, true, null);
  }

  public boolean notConfigured() {
    return notConfigured;
  }
}
