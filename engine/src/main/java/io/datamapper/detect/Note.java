package io.datamapper.detect;

import io.datamapper.format.Sizes;
import java.util.List;
import java.util.Objects;

/**
 * One piece of evidence behind a detected mapping, written for a person: which choice was made and
 * why, or where a choice is ambiguous. {@code column} is the target column name, or {@code null}
 * for file-level notes (encoding, dialect, header, sample size); the message stands on its own and
 * names its column. {@code evidence} holds what the choice rests on — sampled values of the column,
 * or counts — and is empty when the message says it all. Sampled values are kept as messages show
 * values: at most {@value io.datamapper.format.Sizes#SHOWN_CHARS} characters each. Immutable.
 */
public record Note(String column, String message, List<String> evidence) {
  public Note {
    Objects.requireNonNull(message, "message");
    message = Sizes.shorten(message, 2000);
    evidence = evidence == null ? List.of() : evidence.stream().map(Sizes::shorten).toList();
  }

  public Note(String column, String message) {
    this(column, message, List.of());
  }

  static Note file(String message) {
    return new Note(null, message);
  }

  @Override
  public String toString() {
    return message;
  }
}
