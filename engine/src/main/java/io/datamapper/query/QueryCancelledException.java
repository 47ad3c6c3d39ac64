package io.datamapper.query;

import io.datamapper.DataMapperException;

/** The user cancelled the question or statement (Ctrl-C in the console) before it was answered. */
public final class QueryCancelledException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public QueryCancelledException(String message) {
    super(message);
  }
}
