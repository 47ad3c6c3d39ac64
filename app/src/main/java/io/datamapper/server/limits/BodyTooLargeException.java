package io.datamapper.server.limits;

import java.io.IOException;

/** A request body grew past {@code datamapper.max-json-body} while it was read. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long limit) {
    super("The request body is larger than " + limit + " bytes (datamapper.max-json-body).");
  }
}
