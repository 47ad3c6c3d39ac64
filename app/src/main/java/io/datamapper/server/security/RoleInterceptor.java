package io.datamapper.server.security;

import io.datamapper.server.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UrlPathHelper;

/**
 * The role check, on the handler Spring resolved for the request ({@link AccessRules}): 401 without
 * a valid key, 403 when the key's role is too low or the handler declares no rule (default deny),
 * both as problem details. Runs before the request body is read.
 */
@Component
public class RoleInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RoleInterceptor.class);
  private final Callers callers;
  private final BrowserSessions browsers;

  public RoleInterceptor(Callers callers, BrowserSessions browsers) {
    this.callers = callers;
    this.browsers = browsers;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    AccessRules.Rule rule = AccessRules.of(handler, path);
    if (rule == null) {
      // Spring's own answers to OPTIONS (allowed methods, CORS pre-flight) run no code of ours
      if ("OPTIONS".equals(request.getMethod())) return true;
      log.warn(
          "Refused {} {}: its handler {} declares no access rule (@Requires or @Open)",
          request.getMethod(),
          path,
          handler);
      Problems.write(
          response,
          HttpStatus.FORBIDDEN,
          null,
          request.getMethod()
              + " "
              + route(request, path)
              + " declares no access rule, so it is refused (a bug in Data Mapper: every endpoint must declare the role it needs).",
          null);
      return false;
    }
    // the web UI's pages take the browser's session; every other handler takes only a key header
    Caller caller =
        BrowserSessions.serves(handler) ? browsers.caller(request) : callers.identify(request);
    return allowed(request, response, caller, rule, path);
  }

  /** Whether {@code caller} may go on under {@code rule}; if not, the 401 or 403 is written. */
  static boolean allowed(
      HttpServletRequest request,
      HttpServletResponse response,
      Caller caller,
      AccessRules.Rule rule,
      String path)
      throws IOException {
    if (rule.open()) return true;
    if (!caller.authenticated()) {
      Problems.write(
          response,
          HttpStatus.UNAUTHORIZED,
          null,
          caller.keyPresented()
              ? "The API key is not valid. Check it, or ask an administrator for a new one (datamapper keys new)."
              : "This endpoint needs an API key: send it as 'X-API-Key: KEY' or 'Authorization: Bearer KEY'.",
          null);
      return false;
    }
    if (!caller.role().includes(rule.role())) {
      Problems.write(
          response,
          HttpStatus.FORBIDDEN,
          null,
          request.getMethod()
              + " "
              + route(request, path)
              + " needs the role '"
              + rule.role().spelling()
              + "'; this key has the role '"
              + caller.role().spelling()
              + "'.",
          null);
      return false;
    }
    return true;
  }

  /** The route Spring matched ({@code /imports/{id}}), else the decoded path. */
  private static String route(HttpServletRequest request, String path) {
    return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
            instanceof String pattern
        ? pattern
        : path;
  }
}
