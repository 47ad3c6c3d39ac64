package io.datamapper.server.api;

import io.datamapper.query.Cancellation;
import io.datamapper.query.ModelException;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QueryFailedException;
import io.datamapper.query.QueryRefusedException;
import io.datamapper.query.QueryResult;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /query}: a question answered with read-only SQL, or SQL run through the same guard.
 * Role reader.
 */
@RestController
class QueryController {
  private static final String TYPES = "https://datamapper.io/problems/";
  private final QueryConsole console;

  QueryController(QueryConsole console) {
    this.console = console;
  }

  @Schema(description = "Either a question (a language model writes the SQL) or SQL; not both")
  record QueryRequest(
      @Schema(
              description = "a question about the data",
              example = "Which five countries ordered the most in 2024?")
          String question,
      @Schema(
              description = "SQL to run instead: one SELECT, WITH, VALUES, TABLE or EXPLAIN",
              example = "SELECT count(*) FROM public.orders")
          String sql,
      @Schema(
              description =
                  "rows to return at most (default and limit: datamapper.query.max-rows, 1000)",
              example = "100")
          Integer maxRows) {}

  @Operation(
      summary = "Ask a question or run SQL, read-only",
      description =
          "The SQL runs read-only in three layers: it is parsed (one SELECT-like statement, no functions with side effects), "
              + "runs as a NOLOGIN role that may only SELECT the user's tables and the import ledger, in a READ ONLY transaction that is "
              + "rolled back, with a statement timeout and a row cap (`truncated`). A refusal is a 422 naming the layer; a question "
              + "without a configured model is a 503.")
  @ApiResponse(responseCode = "200", description = "the answer")
  @ApiResponse(
      responseCode = "422",
      description =
          "refused by a layer of the guard (layer, reason, sql), or PostgreSQL refused the SQL (sql, sqlState)",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(ref = "#/components/schemas/Problem")))
  @ApiResponse(
      responseCode = "503",
      description = "no language model is configured on the server (SQL still works)",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(ref = "#/components/schemas/Problem")))
  @ApiResponse(
      responseCode = "502",
      description = "the configured language model failed or refused the server's key",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(ref = "#/components/schemas/Problem")))
  @Requires(Role.READER)
  @PostMapping(path = "/query", consumes = "application/json", produces = "application/json")
  QueryResult query(@RequestBody QueryRequest request) {
    boolean hasQuestion = request.question() != null && !request.question().isBlank();
    boolean hasSql = request.sql() != null && !request.sql().isBlank();
    if (hasQuestion == hasSql)
      throw ApiException.badRequest(
          "Send either {\"question\": \"...\"} or {\"sql\": \"SELECT ...\"}");
    int cap = console.settings().maxRows();
    int maxRows = request.maxRows() == null ? cap : request.maxRows();
    if (maxRows < 1 || maxRows > cap)
      throw ApiException.badRequest("maxRows must be between 1 and " + cap + ", not " + maxRows);
    return hasQuestion
        ? console.ask(request.question(), maxRows, new Cancellation())
        : console.run(request.sql(), maxRows, new Cancellation());
  }

  @ExceptionHandler(QueryRefusedException.class)
  ResponseEntity<ProblemDetail> refused(QueryRefusedException e) {
    ProblemDetail p =
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "query-refused",
            "Refused by the " + e.layer().label() + " layer",
            e.getMessage());
    p.setProperty("layer", e.layer().label());
    p.setProperty("reason", e.reason());
    if (e.sql() != null) p.setProperty("sql", e.sql());
    return ResponseEntity.unprocessableContent().body(p);
  }

  @ExceptionHandler(QueryFailedException.class)
  ResponseEntity<ProblemDetail> failed(QueryFailedException e) {
    ProblemDetail p =
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "query-failed",
            "PostgreSQL refused the SQL",
            e.getMessage());
    p.setProperty("sql", e.sql());
    p.setProperty("sqlState", e.sqlState());
    if (e.attempts() > 0) p.setProperty("attempts", e.attempts());
    return ResponseEntity.unprocessableContent().body(p);
  }

  @ExceptionHandler(ModelException.class)
  ResponseEntity<ProblemDetail> model(ModelException e) {
    if (e.notConfigured()) {
      ProblemDetail p =
          problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              "no-model",
              "No language model is configured",
              "This server has no language model to turn questions into SQL. "
                  + ModelException.HOW_TO_CONFIGURE
                  + " Set them in the server's environment and restart it. SQL works without a model: send {\"sql\": \"SELECT ...\"}.");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(p);
    }
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .body(
            problem(
                HttpStatus.BAD_GATEWAY,
                "model-failed",
                "The language model failed",
                e.getMessage()));
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(TYPES + type));
    p.setTitle(title);
    return p;
  }
}
