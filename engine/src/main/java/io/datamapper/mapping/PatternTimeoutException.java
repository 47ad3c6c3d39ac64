package io.datamapper.mapping;

import io.datamapper.DataMapperException;

/**
 * A {@code replace} pattern took longer than its time budget on one value (catastrophic
 * backtracking, such as {@code (a+)+$} on a long run of {@code a}s). A verdict on the value and the
 * pattern, so no stack trace. Immutable.
 */
public final class PatternTimeoutException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  PatternTimeoutException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
