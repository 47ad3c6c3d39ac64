package io.datamapper.server.security;

import io.datamapper.server.api.Problems;
import io.datamapper.server.limits.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Runs before any handler: identifies the caller ({@link Callers}), keeps {@code --no-auth} to
 * direct local callers, applies the caller's rate limit (429), and guards the actuator, whose
 * endpoints are not our controllers, by its decoded path (admin, health open). Every other route is
 * checked on the handler Spring resolved ({@link RoleInterceptor}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {
  /** Headers a reverse proxy adds; a server without keys must not answer what one forwards. */
  private static final String[] PROXY_HEADERS = {
    "Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host"
  };

  private final Callers callers;
  private final RateLimiter rates;

  public ApiKeyFilter(Callers callers, RateLimiter rates) {
    this.callers = callers;
    this.rates = rates;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = callers.identify(request);
    if (callers.noAuth()) {
      if (!Callers.isLoopback(request.getRemoteAddr())) {
        Problems.write(
            response,
            HttpStatus.FORBIDDEN,
            null,
            "This server runs without API keys and answers only local callers.",
            null);
        return;
      }
      for (String header : PROXY_HEADERS) {
        if (request.getHeader(header) != null) {
          Problems.write(
              response,
              HttpStatus.FORBIDDEN,
              null,
              "This server runs without keys and answers only direct local callers; "
                  + "this request came through a proxy (it carries "
                  + header
                  + "). Behind a proxy, use API keys (DATAMAPPER_API_KEYS).",
              null);
          return;
        }
      }
    }
    // the path as Spring routes it: decoded, without path parameters (PathFirewall refused the
    // ambiguous spellings)
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    AccessRules.Rule actuator = AccessRules.actuator(path);
    boolean health = actuator != null && actuator.open();
    if (!health) {
      long wait =
          rates.tryAcquire(
              caller.authenticated() && !callers.noAuth()
                  ? "key:" + caller.id()
                  : "address:" + caller.remoteAddress());
      if (wait > 0) {
        Problems.write(
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests from "
                + describe(caller)
                + ": this server allows "
                + rates.describe()
                + ". Wait "
                + wait
                + " s (Retry-After) and send fewer requests.",
            wait);
        return;
      }
    }
    if (actuator != null && !RoleInterceptor.allowed(request, response, caller, actuator, path))
      return;
    chain.doFilter(request, response);
  }

  private static String describe(Caller caller) {
    return caller.authenticated() && !"local".equals(caller.id())
        ? "the key " + caller.id()
        : caller.remoteAddress();
  }
}
