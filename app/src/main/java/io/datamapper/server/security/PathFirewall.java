package io.datamapper.server.security;

import io.datamapper.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (400) paths with more than one spelling: path parameters ({@code ;}), encoded slashes,
 * backslashes, dots, percent signs or control characters, empty segments ({@code //}) and {@code
 * .}/{@code ..} segments. The role check runs on the handler Spring resolved, so such paths could
 * not skip it; refusing them keeps logs, the audit and the actuator rule (which goes by path)
 * unambiguous. The query string is not checked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class PathFirewall extends OncePerRequestFilter {
  /** Request attribute set on a refused request (for the audit). */
  public static final String REFUSED = PathFirewall.class.getName() + ".refused";

  /** Why {@code rawPath} (as sent, not decoded) is refused, or null when it is fine. */
  static String refusal(String rawPath) {
    if (rawPath.indexOf(';') >= 0) return "a ';' (path parameters)";
    if (rawPath.indexOf('\\') >= 0) return "a backslash";
    if (rawPath.contains("//")) return "an empty segment ('//')";
    String lower = rawPath.toLowerCase(Locale.ROOT);
    for (int i = lower.indexOf('%'); i >= 0; i = lower.indexOf('%', i + 1)) {
      String code = lower.length() >= i + 3 ? lower.substring(i + 1, i + 3) : "";
      if (code.equals("2f")
          || code.equals("5c")
          || code.equals("25")
          || code.equals("2e")
          || code.equals("3b")
          || code.startsWith("0")
          || code.startsWith("1")
          || code.equals("7f")) {
        return "an encoded '/', '\\', '%', '.', ';' or control character (%" + code + ")";
      }
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) return "a '" + segment + "' segment";
    }
    return null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String raw = request.getRequestURI();
    String why = raw == null ? "no path" : refusal(raw);
    if (why == null) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(REFUSED, why);
    String shown = raw == null ? "" : raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
    Problems.write(
        response,
        HttpStatus.BAD_REQUEST,
        "refused-path",
        "The path '"
            + shown
            + "' contains "
            + why
            + ", which this server refuses so that every resource has one spelling. Send the plain path, e.g. /map-data.",
        null);
  }
}
