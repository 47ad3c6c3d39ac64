package io.datamapper.server.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses with {@code status} and a detail a person can act on. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  public ApiException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, detail);
  }

  static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail);
  }
}
