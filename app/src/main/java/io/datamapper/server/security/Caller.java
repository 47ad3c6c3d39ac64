package io.datamapper.server.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent a request, as logs and the audit name them: {@code id} is a key's id (the first 8 hex
 * digits of its SHA-256), {@code local} without keys ({@code --no-auth}), {@code anonymous} without
 * a key or {@code invalid-key} with an unknown one; {@code role} is null for the last two.
 */
public record Caller(String id, Role role, String remoteAddress, boolean keyPresented) {
  static final String ATTRIBUTE = Caller.class.getName();

  public boolean authenticated() {
    return role != null;
  }

  /** The caller identified for this request, or null before {@link Callers#identify} ran. */
  public static Caller of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Caller c ? c : null;
  }
}
