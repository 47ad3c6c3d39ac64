package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.db.DatabaseUnavailableException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail: the engine's user errors by their kind (see
 * {@link Problems}), request errors as 400, oversize uploads as 413, PostgreSQL unreachable
 * (wherever it surfaces) as 503 with {@code Retry-After}, and anything else as a 500 that says
 * it is a bug (details only in the log).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private final String uploadLimit;

  ProblemHandler(org.springframework.core.env.Environment env) {
    this.uploadLimit = env.getProperty("spring.servlet.multipart.max-file-size", "the configured limit");
  }

  /** Seconds a client is asked to wait after a 503: about how long PostgreSQL takes to restart. */
  static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(DataMapperException.class)
  ResponseEntity<ProblemDetail> dataMapper(DataMapperException e) {
    ProblemDetail p = Problems.of(e);
    if (p.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      log.warn("Answering 503: {}", p.getDetail());
      return ResponseEntity.status(p.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(p);
    }
    return ResponseEntity.status(p.getStatus()).body(p);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    return ResponseEntity.status(e.status()).body(p);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    return ResponseEntity.badRequest().body(p);
  }

  @ExceptionHandler({RuntimeException.class, SQLException.class})
  ResponseEntity<ProblemDetail> bug(Exception e) {
    if (DatabaseUnavailableException.isConnectionFailure(e)) {
      return dataMapper(new DatabaseUnavailableException("PostgreSQL is unreachable; try again shortly. ("
          + DatabaseUnavailableException.connectionFailure(e).getMessage() + ")", e));
    }
    log.error("Internal error", e);
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error (a bug in Data Mapper; the server log has the details): " + e.getClass().getSimpleName());
    return ResponseEntity.internalServerError().body(p);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The upload is larger than this server accepts ("
        + (ex.getMaxUploadSize() > 0 ? describe(ex.getMaxUploadSize()) : uploadLimit) + ", setting spring.servlet.multipart.max-file-size). Compress it (gzip), split it, "
        + "or import it from a path the server can read.");
    p.setTitle("Upload too large");
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
  }

  private static String describe(long bytes) {
    if (bytes <= 0) return "the configured limit";
    if (bytes >= 1 << 20) return (bytes >> 20) + " MB";
    if (bytes >= 1 << 10) return (bytes >> 10) + " KB";
    return bytes + " bytes";
  }
}
