package io.datamapper.server.security;

import io.datamapper.DataMapperException;
import io.datamapper.server.DataMapperProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the API key ({@code X-API-Key: KEY} or {@code Authorization: Bearer KEY}) and the
 * role each route needs: 401 without a valid key, 403 when the key's role is too low, both
 * as problem details. Documentation, the mapping schema and health are open. With
 * {@code datamapper.no-auth} (loopback only) every loopback caller is an admin.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ApiKeys keys;
  private final boolean noAuth;

  public ApiKeyFilter(DataMapperProperties props, org.springframework.core.env.Environment env) {
    try {
      this.keys = ApiKeys.parse(props.apiKeys());
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(e.getMessage(), e);
    }
    this.noAuth = props.noAuth();
    if (noAuth && !isLoopback(env.getProperty("server.address", "127.0.0.1"))) {
      throw new DataMapperException("datamapper.no-auth (--no-auth) is allowed only when the server binds a loopback address "
          + "(server.address 127.0.0.1 or ::1), not " + env.getProperty("server.address"));
    }
    if (!noAuth && keys.isEmpty()) {
      throw new DataMapperException("No API keys are configured. Create one with `datamapper keys new --role importer` and set "
          + "DATAMAPPER_API_KEYS=role:sha256 (comma-separated), or run on localhost without keys with --no-auth.");
    }
  }

  /** The role a request needs, or null when it is open. */
  static Role required(String method, String path) {
    if ("OPTIONS".equals(method)) return null;
    if (path.equals("/openapi.json") || path.startsWith("/openapi.json/") || path.equals("/docs") || path.startsWith("/docs/")
        || path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs") || path.equals("/mapping.schema.json")
        || path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/error")) {
      return null;
    }
    // the web UI signs browsers in with a session and checks roles and CSRF itself (io.datamapper.web.WebGuard)
    if (path.equals("/") || path.startsWith("/ui/") || path.startsWith("/webjars/")) return null;
    if (path.startsWith("/actuator")) return Role.ADMIN;
    boolean importing = ("POST".equals(method) && (path.equals("/map-data") || path.equals("/map-b2-data")))
        || ("DELETE".equals(method) && path.startsWith("/imports/"))
        || ("POST".equals(method) && path.startsWith("/tasks/") && path.endsWith("/cancel"))
        || ("DELETE".equals(method) && path.startsWith("/tasks/"));
    return importing ? Role.IMPORTER : Role.READER;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Role needed = required(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    if (needed == null) {
      chain.doFilter(request, response);
      return;
    }
    if (noAuth) {
      if (isLoopback(request.getRemoteAddr())) {
        chain.doFilter(request, response);
      } else {
        deny(response, HttpStatus.FORBIDDEN, "This server runs without API keys and answers only local callers.");
      }
      return;
    }
    String key = request.getHeader("X-API-Key");
    String auth = request.getHeader("Authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) key = auth.substring(7);
    var role = keys.roleOf(key);
    if (role.isEmpty()) {
      deny(response, HttpStatus.UNAUTHORIZED, key == null || key.isBlank()
          ? "This endpoint needs an API key: send it as 'X-API-Key: KEY' or 'Authorization: Bearer KEY'."
          : "The API key is not valid. Check it, or ask an administrator for a new one (datamapper keys new).");
      return;
    }
    if (!role.get().includes(needed)) {
      deny(response, HttpStatus.FORBIDDEN, request.getMethod() + " " + request.getRequestURI() + " needs the role '"
          + needed.spelling() + "'; this key has the role '" + role.get().spelling() + "'.");
      return;
    }
    request.setAttribute(Role.class.getName(), role.get());
    chain.doFilter(request, response);
  }

  private static void deny(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    p.put("title", status.getReasonPhrase());
    p.put("status", status.value());
    p.put("detail", detail);
    if (status == HttpStatus.UNAUTHORIZED) response.setHeader("WWW-Authenticate", "Bearer");
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(p));
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
