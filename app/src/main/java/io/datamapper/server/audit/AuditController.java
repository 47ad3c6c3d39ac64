package io.datamapper.server.audit;

import io.datamapper.server.api.ApiException;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /audit}: the audit log, newest first (admin). */
@RestController
class AuditController {
  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @Operation(
      summary = "The audit log, newest first",
      description =
          "Every mutating request and every refused one: key id "
              + "(the first 8 hex digits of the key's SHA-256), role, remote address, method, matched route, path, what it touched "
              + "(importId, taskId, table), status, duration. Page back with `before` (an id).")
  @GetMapping("/audit")
  @Requires(Role.ADMIN)
  List<AuditEntry> list(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
    if (limit < 1 || limit > 1000)
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000, not " + limit);
    return audit.recent(limit, before);
  }
}
