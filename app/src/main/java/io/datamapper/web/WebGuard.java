package io.datamapper.web;

import io.datamapper.server.security.AccessRules;
import io.datamapper.server.security.BrowserSessions;
import io.datamapper.server.security.Caller;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.HtmlUtils;

/**
 * Runs before the server's role check on the web UI's handlers (and only those): security headers
 * on every page, the session's CSRF token on every request that is not a GET, and the answers a
 * browser understands where the role check would answer JSON: a page asked for without a session
 * goes to the sign-in page, an htmx request is told to go there ({@code HX-Redirect}), a role too
 * low is an HTML 403 that says which role is needed. The server's {@code RoleInterceptor} then
 * checks the same rule ({@code @Requires}/{@code @Open}) with the same session: authorization on
 * the server, hidden buttons are only a courtesy.
 */
@Component
class WebGuard implements HandlerInterceptor {
  /**
   * Scripts, styles and connections only from this server: the UI works offline and runs no inline
   * code.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final BrowserSessions browsers;

  WebGuard(BrowserSessions browsers) {
    this.browsers = browsers;
  }

  /** The role of the browser behind {@code request}, or null when it has not signed in. */
  Role role(HttpServletRequest request) {
    return browsers.caller(request).role();
  }

  Caller caller(HttpServletRequest request) {
    return browsers.caller(request);
  }

  boolean noAuth() {
    return browsers.noAuth();
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!BrowserSessions.serves(handler)) return true;
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    WebSession.csrfToken(request);
    if (!safe(request.getMethod()) && !WebSession.csrfMatches(request)) {
      return refuse(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "This form did not come from this page, or the page is "
              + "too old (the CSRF check failed). Reload the page and try again.");
    }
    AccessRules.Rule rule = AccessRules.declared((HandlerMethod) handler);
    // no rule: the role check refuses it (default deny); open: nothing to check here
    if (rule == null || rule.open()) return true;
    Role role = role(request);
    if (role == null) {
      String login = "/ui/login";
      if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
        String next =
            request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(
            next.equals("/")
                ? login
                : login + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return false;
      }
      response.setHeader("HX-Redirect", login);
      return refuse(
          request, response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with an API key first.");
    }
    if (!role.includes(rule.role())) {
      return refuse(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "This needs an "
              + rule.role().spelling()
              + " key; you are signed in with a "
              + role.spelling()
              + " key.");
    }
    return true;
  }

  private static boolean safe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  /** A refusal as a small HTML message, which htmx swaps where the answer was expected. */
  private static boolean refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    String body =
        "<div class=\"problem\" role=\"alert\"><p>" + HtmlUtils.htmlEscape(message) + "</p></div>";
    if (request.getHeader("HX-Request") == null) {
      body =
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused · Data Mapper</title>"
              + "<link rel=\"stylesheet\" href=\"/ui/ui.css\"></head><body><main class=\"page\"><h1>Refused</h1>"
              + body
              + "<p><a href=\"/\">Back to Data Mapper</a></p></main></body></html>";
    }
    response.getWriter().write(body);
    return false;
  }
}
