package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.EnvironmentException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.undo.UndoRefusedException;
import io.datamapper.load.ImportCancelledException;
import io.datamapper.load.RejectedRowException;
import io.datamapper.load.RowProblem;
import io.datamapper.mapping.MappingException;
import io.datamapper.storage.ObjectStoreException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.datamapper.storage.SourceNotAllowedException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's user-facing errors as RFC 9457 problem details (the environment's failures,
 * such as PostgreSQL being unreachable, as 503): the message is the {@code detail}; the file, line, record, column and value, the mapping's problems and the
 * ledger ids are extra members so clients need not parse the text.
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
   * Writes a problem detail straight to the response, for filters and interceptors that refuse
   * a request before a controller (and its exception handlers) is involved. {@code type} null
   * means {@code about:blank}; {@code retryAfterSeconds} null sends no {@code Retry-After}.
   */
  public static void write(HttpServletResponse response, HttpStatus status, String type, String detail, Long retryAfterSeconds)
      throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type == null ? "about:blank" : TYPES + type);
    p.put("title", status.getReasonPhrase());
    p.put("status", status.value());
    p.put("detail", detail);
    if (status == HttpStatus.UNAUTHORIZED) response.setHeader("WWW-Authenticate", "Bearer");
    if (retryAfterSeconds != null) response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(p));
  }

  public static ProblemDetail of(DataMapperException e) {
    HttpStatus status;
    String type;
    String detail = e.getMessage();
    if (e instanceof DatabaseUnavailableException || !(e instanceof EnvironmentException) && DatabaseUnavailableException.isConnectionFailure(e)) {
      // the environment's fault: nothing in the request has to change; the same request later may succeed
      status = HttpStatus.SERVICE_UNAVAILABLE;
      type = "database-unavailable";
      if (!(e instanceof DatabaseUnavailableException)) detail = "PostgreSQL is unreachable; try again shortly. (" + e.getMessage() + ")";
    } else if (e instanceof EnvironmentException) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      type = "unavailable";
    } else if (e instanceof SourceNotAllowedException) {
      // the server's operator decides which hosts and buckets may be read; the caller asked for one outside
      status = HttpStatus.FORBIDDEN;
      type = "source-not-allowed";
    } else if (e instanceof AlreadyImportedException) {
      status = HttpStatus.CONFLICT;
      type = "already-imported";
    } else if (e instanceof MappingException) {
      status = HttpStatus.UNPROCESSABLE_CONTENT;
      type = "bad-mapping";
    } else if (e instanceof RejectedRowException) {
      status = HttpStatus.UNPROCESSABLE_CONTENT;
      type = "rejected-row";
    } else if (e instanceof BadFileException) {
      status = HttpStatus.UNPROCESSABLE_CONTENT;
      type = "bad-file";
    } else if (e instanceof ImportCancelledException) {
      status = HttpStatus.CONFLICT;
      type = "cancelled";
    } else if (e instanceof ObjectStoreException os) {
      // a wrong name is the caller's to fix; refused credentials or a failing store are the server's side (a gateway)
      status = os.kind() == ObjectStoreException.Kind.NOT_FOUND ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_GATEWAY;
      type = os.kind() == ObjectStoreException.Kind.NOT_FOUND ? "no-such-object" : "object-store";
    } else if (e instanceof UndoRefusedException) {
      status = HttpStatus.CONFLICT;
      type = "undo-refused";
    } else {
      status = HttpStatus.BAD_REQUEST;
      type = "refused";
    }
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPES + type));
    p.setTitle(switch (type) {
      case "already-imported" -> "File already imported";
      case "bad-mapping" -> "The mapping does not fit";
      case "rejected-row" -> "A row was rejected";
      case "bad-file" -> "The file cannot be read";
      case "cancelled" -> "Import cancelled";
      case "undo-refused" -> "The import cannot be undone";
      case "no-such-object" -> "No such bucket or object";
      case "object-store" -> "The object store refused or failed";
      case "database-unavailable" -> "The database is unreachable";
      case "unavailable" -> "Temporarily unavailable";
      case "source-not-allowed" -> "This source may not be read";
      default -> "Import refused";
    });
    properties(e).forEach(p::setProperty);
    return p;
  }

  /** The structured members for {@code e} (also stored with a failed task). */
  public static Map<String, Object> properties(DataMapperException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.importId() != null) m.put("importId", e.importId());
    if (e instanceof AlreadyImportedException a) m.put("previousImportId", a.previousImportId());
    if (e instanceof ObjectStoreException os && os.url() != null) m.put("url", os.url());
    if (e instanceof SourceNotAllowedException refused && refused.url() != null) m.put("url", refused.url());
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
