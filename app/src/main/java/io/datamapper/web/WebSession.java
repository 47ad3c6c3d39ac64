package io.datamapper.web;

import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the web UI keeps in a browser's servlet session: the role of the API key that signed in
 * (never the key itself) and the key's id, and the CSRF token every form and htmx request must
 * send back. The session cookie is HttpOnly and SameSite=Strict (application.properties) and
 * Secure on HTTPS requests (Tomcat sets it when the request is secure).
 */
final class WebSession {
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_PARAM = "_csrf";
  private static final String ROLE = "datamapper.web.role";
  private static final String KEY_ID = "datamapper.web.key";
  private static final String CSRF = "datamapper.web.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSession() {}

  /** The session's CSRF token, created with the session. */
  static String csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    Object token = session.getAttribute(CSRF);
    if (token instanceof String s) return s;
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    session.setAttribute(CSRF, fresh);
    return fresh;
  }

  /** Whether the request carries the session's CSRF token (header for htmx, form field otherwise). */
  static boolean csrfMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(CSRF) instanceof String expected)) return false;
    String sent = request.getHeader(CSRF_HEADER);
    if (sent == null) sent = request.getParameter(CSRF_PARAM);
    return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  /** The role the session signed in with, or null. */
  static Role role(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(ROLE) instanceof Role r ? r : null;
  }

  static String keyId(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(KEY_ID) instanceof String s ? s : null;
  }

  /** Signs the session in; a new session id (and CSRF token) so a planted session id is worth nothing. */
  static void signIn(HttpServletRequest request, Role role, String keyId) {
    request.getSession(true);
    request.changeSessionId();
    HttpSession session = request.getSession();
    session.removeAttribute(CSRF);
    session.setAttribute(ROLE, role);
    session.setAttribute(KEY_ID, keyId);
  }

  static void signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) session.invalidate();
  }
}
