package io.datamapper.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of a browser's session: every form carries it as {@code _csrf} and every htmx
 * request as the {@code X-CSRF-Token} header ({@code ui.js} adds it). Who signed in is kept by
 * {@link io.datamapper.server.security.BrowserSessions}. The session cookie is HttpOnly and
 * SameSite=Strict (application.properties), and Secure on HTTPS requests (Tomcat sets it when the
 * request is secure).
 */
final class WebSession {
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_PARAM = "_csrf";
  private static final String CSRF = "datamapper.web.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSession() {}

  /** The session's CSRF token; the session and the token are created on first use. */
  static String csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    if (session.getAttribute(CSRF) instanceof String s) return s;
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    session.setAttribute(CSRF, fresh);
    return fresh;
  }

  /** A new token (on sign-in: a token known before it is worth nothing after). */
  static String rotate(HttpServletRequest request) {
    request.getSession(true).removeAttribute(CSRF);
    return csrfToken(request);
  }

  /**
   * Whether the request carries the session's CSRF token (the header for htmx, the form field
   * otherwise).
   */
  static boolean csrfMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(CSRF) instanceof String expected)) return false;
    String sent = request.getHeader(CSRF_HEADER);
    if (sent == null) sent = request.getParameter(CSRF_PARAM);
    return sent != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
