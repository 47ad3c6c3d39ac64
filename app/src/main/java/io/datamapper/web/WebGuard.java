package io.datamapper.web;

import io.datamapper.server.DataMapperProperties;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.HtmlUtils;

/**
 * Guards the web UI's handlers (and only those): security headers on every page, the CSRF
 * token on every request that is not a GET, then the role the handler declares with
 * {@link Access}, taken from the signed-in session (or every local caller with
 * {@code --no-auth}). A page asked for without a session goes to the sign-in page; an htmx
 * request without one is told to go there ({@code HX-Redirect}); a role too low is a 403 that
 * says which role is needed. Authorization happens here, on the server: hidden buttons are
 * only a courtesy.
 */
@Component
class WebGuard implements HandlerInterceptor {
  /** Scripts, styles and connections only from this server: the UI works offline and runs no inline code. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private final boolean noAuth;

  WebGuard(DataMapperProperties props) {
    this.noAuth = props.noAuth();
  }

  /** The role of the browser behind {@code request}: the session's, or admin for a local caller without keys; null when signed out. */
  Role role(HttpServletRequest request) {
    if (noAuth) return isLoopback(request.getRemoteAddr()) ? Role.ADMIN : null;
    return WebSession.role(request);
  }

  boolean noAuth() {
    return noAuth;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
    if (!(handler instanceof HandlerMethod hm) || !hm.getBeanType().getPackageName().equals(WebGuard.class.getPackageName())) {
      return true;
    }
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    WebSession.csrfToken(request);
    if (!safe(request.getMethod()) && !WebSession.csrfMatches(request)) {
      return refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "This form did not come from this page, or the page is "
          + "too old (the CSRF check failed). Reload the page and try again.");
    }
    Access access = access(hm);
    if (access == null) {
      return refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "This page declares no access rule, so it is refused "
          + "(a bug in Data Mapper).");
    }
    if (access.open()) return true;
    Role role = role(request);
    if (role == null) {
      if (noAuth) {
        return refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "This server runs without API keys and answers only local callers.");
      }
      String login = "/ui/login";
      if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
        String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(next.equals("/") ? login : login + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return false;
      }
      response.setHeader("HX-Redirect", login);
      return refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with an API key first.");
    }
    if (!role.includes(access.value())) {
      return refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "This needs an " + access.value().spelling()
          + " key; you are signed in with a " + role.spelling() + " key.");
    }
    return true;
  }

  private static Access access(HandlerMethod hm) {
    Access onMethod = AnnotatedElementUtils.findMergedAnnotation(hm.getMethod(), Access.class);
    return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(hm.getBeanType(), Access.class);
  }

  private static boolean safe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  /** A refusal as a small HTML message, which htmx swaps where the answer was expected. */
  private static boolean refuse(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    String body = "<div class=\"problem\" role=\"alert\"><p>" + HtmlUtils.htmlEscape(message) + "</p></div>";
    if (request.getHeader("HX-Request") == null) {
      body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused — Data Mapper</title>"
          + "<link rel=\"stylesheet\" href=\"/ui/ui.css\"></head><body><main class=\"page\">" + body
          + "<p><a href=\"/\">Back to Data Mapper</a></p></main></body></html>";
    }
    response.getWriter().write(body);
    return false;
  }

  static boolean isLoopback(String address) {
    if (address == null) return false;
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
