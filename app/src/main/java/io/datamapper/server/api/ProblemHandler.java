package io.datamapper.server.api;

import io.datamapper.Blame;
import io.datamapper.DataMapperException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.server.limits.BodyTooLargeException;
import io.datamapper.server.limits.ReadConnections;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail: the engine's user errors by their kind (see {@link
 * Problems}), request errors as 400, oversize uploads and bodies as 413, a read cut by the
 * statement timeout as 503, PostgreSQL unreachable (wherever it surfaces) as 503 with {@code
 * Retry-After}, and anything else as a 500 that says it is a bug (details only in the log).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private final String uploadLimit;
  private final String formLimit;
  private final ReadConnections reads;

  ProblemHandler(Environment env, ReadConnections reads) {
    this.uploadLimit =
        env.getProperty("spring.servlet.multipart.max-file-size", "the configured limit");
    this.formLimit = env.getProperty("server.tomcat.max-http-form-post-size", "2MB");
    this.reads = reads;
  }

  /** Seconds a client is asked to wait after a 503: about how long PostgreSQL takes to restart. */
  static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(DataMapperException.class)
  ResponseEntity<ProblemDetail> dataMapper(DataMapperException e) {
    if (ReadConnections.isTimeout(e)) return timeout();
    ProblemDetail p = Problems.of(e);
    if (e.blame() == Blame.BUG) log.error("Internal error (answered 500)", e);
    if (p.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      log.warn("Answering 503: {}", p.getDetail());
      return ResponseEntity.status(p.getStatus())
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .body(p);
    }
    return ResponseEntity.status(p.getStatus()).body(p);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    if (e.type() != null) p.setType(e.type());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() != null)
      answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    return answer.body(p);
  }

  /**
   * The last resort: the parsers are bounded so that one request cannot exhaust the heap, but a
   * heap too small for the work running at once still can. The request that hit the error gets a
   * 503 (retry later: the environment, not the request, fell short), its memory is released as the
   * error unwinds, and the server goes on serving. See {@code ServerThreads} for the threads that
   * must never die of it.
   */
  @ExceptionHandler(OutOfMemoryError.class)
  ResponseEntity<ProblemDetail> outOfMemory(OutOfMemoryError e) {
    log.error(
        "A request ran out of memory; answered 503 and kept serving (give the server more heap, -Xmx, or fewer"
            + " concurrent imports): {}",
        e.toString());
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The server ran out of memory for this request; nothing was imported. Try again later, or with a smaller file.");
    p.setTitle("Out of memory");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "30")
        .body(p);
  }

  /**
   * Anything that is not a {@link DataMapperException} is a bug, a bare {@link
   * IllegalArgumentException} or {@link IllegalStateException} included: the engine turns user
   * input it refuses into a {@link DataMapperException} at its boundary, so one that escapes means
   * a check is missing. 500, the stack in the log, only the exception's class in the body.
   */
  @ExceptionHandler({RuntimeException.class, SQLException.class})
  ResponseEntity<ProblemDetail> bug(Exception e) {
    if (ReadConnections.isTimeout(e)) return timeout();
    if (DatabaseUnavailableException.isConnectionFailure(e)) {
      return dataMapper(
          new DatabaseUnavailableException(
              "PostgreSQL is unreachable; try again shortly. ("
                  + DatabaseUnavailableException.connectionFailure(e).getMessage()
                  + ")",
              e));
    }
    log.error("Internal error", e);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error (a bug in Data Mapper; the server log has the details): "
                + e.getClass().getSimpleName());
    return ResponseEntity.internalServerError().body(p);
  }

  /**
   * A read the server's limit cut short: the limit's (the environment's) answer, not the request's
   * fault as such.
   */
  private ResponseEntity<ProblemDetail> timeout() {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The query ran longer than this server allows ("
                + reads.timeout().toMillis()
                + " ms, datamapper.statement-timeout) and was cancelled. Ask for less (a filter, a smaller "
                + "page, no sort on a large table), or ask the operator to raise the limit.");
    p.setType(Problems.type("query-timeout"));
    p.setTitle("Query too slow for this server");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(p);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException big) {
        ProblemDetail p =
            ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, big.getMessage() + " Send a smaller document.");
        p.setType(Problems.type("too-large"));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
      }
    }
    return super.handleHttpMessageNotReadable(ex, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail p;
    if (formFieldsTooLarge(ex)) {
      // Tomcat's limit on the parts that are not files: here the mapping
      p =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "The 'mapping' part (with any other non-file part) is "
                  + "larger than this server accepts ("
                  + formLimit
                  + ", setting server.tomcat.max-http-form-post-size). A mapping is a "
                  + "small document: check that the data file is sent as the part 'file', with a file name.");
      p.setTitle("Mapping too large");
    } else {
      p =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "The upload is larger than this server accepts ("
                  + (ex.getMaxUploadSize() > 0 ? describe(ex.getMaxUploadSize()) : uploadLimit)
                  + ", setting spring.servlet.multipart.max-file-size). Compress it (gzip), split it, "
                  + "or import it from a path the server can read.");
      p.setTitle("Upload too large");
    }
    p.setType(Problems.type("too-large"));
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
  }

  private static boolean formFieldsTooLarge(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("maxPostSize")) return true;
    }
    return false;
  }

  private static String describe(long bytes) {
    if (bytes <= 0) return "the configured limit";
    if (bytes >= 1 << 20) return (bytes >> 20) + " MB";
    if (bytes >= 1 << 10) return (bytes >> 10) + " KB";
    return bytes + " bytes";
  }
}
