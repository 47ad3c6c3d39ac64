package io.datamapper.server.api;

import io.datamapper.Blame;
import io.datamapper.DataMapperException;
import io.datamapper.EnvironmentException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.RejectedRowException;
import io.datamapper.load.RowProblem;
import io.datamapper.mapping.MappingException;
import io.datamapper.storage.ObjectStoreException;
import io.datamapper.storage.SourceNotAllowedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's user-facing errors as RFC 9457 problem details (the environment's failures, such as
 * PostgreSQL being unreachable, as 503): the message is the {@code detail}; the file, line, record,
 * column and value, the mapping's problems and the ledger ids are extra members so clients need not
 * parse the text.
 */
public final class Problems {
  private static final String TYPES = "https://datamapper.io/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /** The problem type URI for {@code name} (e.g. {@code rate-limited}). */
  public static URI type(String name) {
    return URI.create(TYPES + name);
  }

  /**
   * Writes a problem detail straight to the response, for filters and interceptors that refuse a
   * request before a controller (and its exception handlers) is involved. {@code type} null means
   * {@code about:blank}; {@code retryAfterSeconds} null sends no {@code Retry-After}.
   */
  public static void write(
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String detail,
      Long retryAfterSeconds)
      throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type == null ? "about:blank" : TYPES + type);
    p.put("title", status.getReasonPhrase());
    p.put("status", status.value());
    p.put("detail", detail);
    if (status == HttpStatus.UNAUTHORIZED) response.setHeader("WWW-Authenticate", "Bearer");
    if (retryAfterSeconds != null)
      response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(p));
  }

  /**
   * The problem detail for {@code e}: its status, type and title are the exception's own (see
   * {@link DataMapperException#status()}).
   */
  public static ProblemDetail of(DataMapperException e) {
    DataMapperException shown = e;
    if (!(e instanceof EnvironmentException)
        && DatabaseUnavailableException.isConnectionFailure(e)) {
      // an outage that surfaced wrapped in another failure is still the environment's fault
      shown =
          new DatabaseUnavailableException(
              "PostgreSQL is unreachable; try again shortly. (" + e.getMessage() + ")", e);
    }
    String detail =
        shown.blame() == Blame.BUG
            ? "Internal error (a bug in Data Mapper; the server log has the details): "
                + shown.getMessage()
            : shown.getMessage();
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(shown.status()), detail);
    p.setType(URI.create(TYPES + shown.problemType()));
    p.setTitle(shown.title());
    properties(e).forEach(p::setProperty);
    return p;
  }

  /** The structured members for {@code e} (also stored with a failed task). */
  public static Map<String, Object> properties(DataMapperException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.importId() != null) m.put("importId", e.importId());
    if (e instanceof AlreadyImportedException a) m.put("previousImportId", a.previousImportId());
    if (e instanceof ObjectStoreException os && os.url() != null) m.put("url", os.url());
    if (e instanceof SourceNotAllowedException refused && refused.url() != null)
      m.put("url", refused.url());
    if (e instanceof MappingException me) m.put("problems", me.problems());
    if (e instanceof LimitExceededException l) {
      m.put("setting", l.setting());
      m.put("limit", l.limit());
    }
    if (e instanceof RejectedRowException r && r.problem() != null) {
      RowProblem rp = r.problem();
      m.put("record", rp.record());
      if (rp.line() > 0) m.put("line", rp.line());
      if (rp.column() != null) m.put("column", rp.column());
      if (rp.sourceField() != null) m.put("field", rp.sourceField());
      if (rp.value() != null) m.put("value", rp.value());
      m.put("reason", rp.reason());
      if (e.importId() != null) m.put("rejects", "/imports/" + e.importId() + "/rejects");
    }
    return m;
  }

  /** A failed task's error as stored: the same members as the problem detail. */
  public static Map<String, Object> asMap(ProblemDetail p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", p.getType().toString());
    m.put("title", p.getTitle());
    m.put("status", p.getStatus());
    m.put("detail", p.getDetail());
    if (p.getProperties() != null) m.putAll(p.getProperties());
    return m;
  }
}
