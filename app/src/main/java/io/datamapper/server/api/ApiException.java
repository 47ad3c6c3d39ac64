package io.datamapper.server.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses with {@code status} and a detail a person can act on; a refusal that
 * passes (overload, a full staging store) carries the seconds to wait ({@code Retry-After}).
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;
  private final String type;
  private final Long retryAfterSeconds;

  public ApiException(HttpStatus status, String detail) {
    this(status, null, detail, null);
  }

  /** {@code type}: the last segment of the problem type URI (null for {@code about:blank}). */
  public ApiException(HttpStatus status, String type, String detail, Long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  /** The problem type URI, or null for {@code about:blank}. */
  public URI type() {
    return type == null ? null : Problems.type(type);
  }

  /**
   * Seconds the client should wait before trying again, or null when trying again will not help.
   */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, detail);
  }

  static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail);
  }
}
