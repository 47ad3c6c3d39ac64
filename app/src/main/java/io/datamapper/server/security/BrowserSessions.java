package io.datamapper.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Browsers signed in to the web UI. A browser signs in once with an API key, checked as a key
 * header is ({@link Callers}); its servlet session then keeps the key's id and role, never the key.
 * The session is the caller only for {@link BrowserPages} handlers (an EventSource cannot send a
 * key header, so the UI's progress stream needs it); API handlers ignore it. Without keys ({@code
 * --no-auth}, loopback only) every direct local browser is the local admin. Thread-safe.
 */
@Component
public class BrowserSessions {
  private static final String ATTRIBUTE = BrowserSessions.class.getName() + ".signedIn";
  private final Callers callers;

  public BrowserSessions(Callers callers) {
    this.callers = callers;
  }

  /** What a session keeps of the key it signed in with. */
  private record SignedIn(String keyId, Role role) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  /** Whether {@code handler} is one of the web UI's, whose caller is the browser's session. */
  public static boolean serves(Object handler) {
    return handler instanceof HandlerMethod hm
        && AnnotatedElementUtils.hasAnnotation(hm.getBeanType(), BrowserPages.class);
  }

  public boolean noAuth() {
    return callers.noAuth();
  }

  /**
   * The browser behind {@code request}: its signed-in key's id and role, or anonymous; kept on the
   * request (the audit log names it).
   */
  public Caller caller(HttpServletRequest request) {
    Caller caller;
    if (callers.noAuth()) {
      caller = callers.identify(request);
    } else {
      HttpSession session = request.getSession(false);
      caller =
          session != null && session.getAttribute(ATTRIBUTE) instanceof SignedIn in
              ? new Caller(in.keyId(), in.role(), request.getRemoteAddr(), false)
              : new Caller("anonymous", null, request.getRemoteAddr(), false);
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    return caller;
  }

  /**
   * Signs the browser in with {@code key}, in a new session id (a session id planted before is
   * worth nothing); empty when the key is not valid.
   */
  public Optional<Caller> signIn(HttpServletRequest request, String key) {
    Optional<ApiKeys.Key> found = callers.find(key);
    if (found.isEmpty()) return Optional.empty();
    request.getSession(true);
    request.changeSessionId();
    request
        .getSession()
        .setAttribute(ATTRIBUTE, new SignedIn(found.get().id(), found.get().role()));
    return Optional.of(caller(request));
  }

  public void signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) session.invalidate();
  }
}
