package io.datamapper.coerce;

import io.datamapper.DataMapperException;

/**
 * A source value that cannot become a value of its target column, with a short reason such as
 * {@code "not a whole number"} or {@code "out of range for integer"}. The reason names neither the
 * row nor the column: the caller knows both and builds the reject record.
 *
 * <p>This is a verdict on data, not a bug, so it carries no stack trace: rejecting thousands of
 * rows must stay cheap. Immutable and thread-safe.
 */
public final class CoercionException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public CoercionException(String reason) {
    super(reason);
  }

  /** The short reason, e.g. {@code "not a valid calendar date"}; never {@code null}. */
  public String reason() {
    return getMessage();
  }

  /** Returns the reason prefixed with context, e.g. {@code "element 3: not a whole number"}. */
  CoercionException prefixed(String context) {
    return new CoercionException(context + ": " + reason());
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a data verdict: the stack says nothing and costs a lot per rejected row
  }
}
