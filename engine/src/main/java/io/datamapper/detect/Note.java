package io.datamapper.detect;

import java.util.Objects;

/**
 * One piece of evidence behind a detected mapping, written for a person: which choice was
 * made and why, or where a choice is ambiguous. {@code column} is the target column name,
 * or {@code null} for file-level notes (encoding, dialect, header, sample size); the
 * message stands on its own and names its column. Immutable.
 */
public record Note(String column, String message) {
  public Note {
    Objects.requireNonNull(message, "message");
  }

  static Note file(String message) {
    return new Note(null, message);
  }

  @Override
  public String toString() {
    return message;
  }
}
