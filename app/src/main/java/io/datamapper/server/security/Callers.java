package io.datamapper.server.security;

import io.datamapper.DataMapperException;
import io.datamapper.server.DataMapperProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells who sent a request: the API key ({@code X-API-Key: KEY} or {@code Authorization: Bearer
 * KEY}) and its role, or with {@code datamapper.no-auth} (loopback only) a local admin. Refuses at
 * start-up settings that would leave the server open. Thread-safe.
 */
@Component
public class Callers {
  private final ApiKeys keys;
  private final boolean noAuth;

  public Callers(DataMapperProperties props, Environment env) {
    try {
      this.keys = ApiKeys.parse(props.apiKeys());
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(e.getMessage(), e);
    }
    this.noAuth = props.noAuth();
    if (noAuth && !isLoopback(env.getProperty("server.address", "127.0.0.1"))) {
      throw new DataMapperException(
          "datamapper.no-auth (--no-auth) is allowed only when the server binds a loopback address "
              + "(server.address 127.0.0.1 or ::1), not "
              + env.getProperty("server.address"));
    }
    if (!noAuth && keys.isEmpty()) {
      throw new DataMapperException(
          "No API keys are configured. Create one with `datamapper keys new --role importer` and set "
              + "DATAMAPPER_API_KEYS=role:sha256 (comma-separated), or run on localhost without keys with --no-auth.");
    }
  }

  public boolean noAuth() {
    return noAuth;
  }

  /** The request's caller, worked out once and kept on the request. */
  public Caller identify(HttpServletRequest request) {
    Caller known = Caller.of(request);
    if (known != null) return known;
    String remote = request.getRemoteAddr();
    Caller caller;
    if (noAuth) {
      // without keys every direct local caller is an admin; ApiKeyFilter refuses the others
      caller = new Caller("local", Role.ADMIN, remote, false);
    } else {
      String key = presentedKey(request);
      boolean presented = key != null && !key.isBlank();
      caller =
          keys.find(key)
              .map(k -> new Caller(k.id(), k.role(), remote, true))
              .orElseGet(
                  () ->
                      new Caller(presented ? "invalid-key" : "anonymous", null, remote, presented));
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    return caller;
  }

  /**
   * The configured key {@code key} is, if it is one (the web UI's sign-in checks keys as headers
   * are checked).
   */
  public Optional<ApiKeys.Key> find(String key) {
    return noAuth ? Optional.empty() : keys.find(key);
  }

  private static String presentedKey(HttpServletRequest request) {
    String key = request.getHeader("X-API-Key");
    String auth = request.getHeader("Authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7))
      key = auth.substring(7);
    return key;
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
