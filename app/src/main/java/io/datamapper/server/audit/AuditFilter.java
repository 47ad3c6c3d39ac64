package io.datamapper.server.audit;

import io.datamapper.server.security.Caller;
import io.datamapper.server.security.Callers;
import io.datamapper.server.security.PathFirewall;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Audits every mutating request (POST, PUT, PATCH, DELETE) and every refused one (a refused path,
 * 401, 403, 429), whatever refused it: the outermost filter, so it sees the final status.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuditFilter extends OncePerRequestFilter {
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<Integer> REFUSALS = Set.of(401, 403, 429);
  private final AuditLog audit;
  private final Callers callers;

  public AuditFilter(AuditLog audit, Callers callers) {
    this.audit = audit;
    this.callers = callers;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      int status = failed && !response.isCommitted() ? 500 : response.getStatus();
      if (audited(request, status)) {
        Caller caller = callers.identify(request);
        String route =
            request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String p
                ? p
                : null;
        String path = request.getRequestURI();
        if (path != null && request.getQueryString() != null)
          path += "?" + request.getQueryString();
        if (path != null && path.length() > 300) path = path.substring(0, 300) + "…";
        audit.record(
            new AuditLog.Entry(
                caller.id(),
                caller.role() == null ? null : caller.role().spelling(),
                caller.remoteAddress(),
                request.getMethod(),
                route,
                path == null ? "" : path,
                target(request, route),
                status,
                (System.nanoTime() - start) / 1_000_000));
      }
    }
  }

  private static boolean audited(HttpServletRequest request, int status) {
    return MUTATING.contains(request.getMethod())
        || REFUSALS.contains(status)
        || request.getAttribute(PathFirewall.REFUSED) != null;
  }

  /**
   * The ids in the matched route ({@code /imports/{id}} gives importId) and what the controller
   * noted.
   */
  private static Map<String, Object> target(HttpServletRequest request, String route) {
    Map<String, Object> target = new LinkedHashMap<>();
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
            instanceof Map<?, ?> vars
        && route != null) {
      vars.forEach((k, v) -> target.put(name(route, String.valueOf(k)), v));
    }
    target.putAll(AuditNotes.of(request));
    return target;
  }

  private static String name(String route, String variable) {
    if (!variable.equals("id") && !variable.equals("name")) return variable;
    if (route.startsWith("/imports/")) return "importId";
    if (route.startsWith("/tasks/")) return "taskId";
    if (route.startsWith("/tables/")) return "table";
    return variable;
  }
}
