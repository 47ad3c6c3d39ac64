package io.datamapper.query;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A chat model that answers from a script (one answer per call, or a function of the request) and
 * keeps every request.
 */
public final class ScriptedChatModel implements ChatModel {
  private final Function<ChatRequest, String> answers;
  public final List<List<ChatMessage>> requests = Collections.synchronizedList(new ArrayList<>());

  public ScriptedChatModel(Function<ChatRequest, String> answers) {
    this.answers = answers;
  }

  /** Answers the calls in order with {@code answers}; a call past the end fails the test. */
  public static ScriptedChatModel answering(String... answers) {
    List<String> script = List.of(answers);
    int[] next = {0};
    return new ScriptedChatModel(
        request -> {
          if (next[0] >= script.size())
            throw new AssertionError(
                "the model was asked more often than scripted: " + request.messages());
          return script.get(next[0]++);
        });
  }

  public ConfiguredModel configured() {
    return new ConfiguredModel("scripted", "test", null, this);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(List.copyOf(request.messages()));
    return ChatResponse.builder().aiMessage(AiMessage.from(answers.apply(request))).build();
  }

  /** The text of the last message of request {@code i}. */
  String lastMessageOf(int i) {
    return text(requests.get(i).get(requests.get(i).size() - 1));
  }

  static String text(ChatMessage m) {
    return switch (m) {
      case dev.langchain4j.data.message.UserMessage u -> u.singleText();
      case dev.langchain4j.data.message.SystemMessage sys -> sys.text();
      case AiMessage ai -> ai.text();
      default -> m.toString();
    };
  }
}
