package io.datamapper.server.security;

import java.lang.reflect.AnnotatedElement;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * What each handler needs, read from the handler Spring resolved (never from the path as sent):
 * {@link Requires} or {@link Open} on the method or its controller; a few framework handlers are
 * open by nature (the OpenAPI document and Swagger UI, static files, the error page). Anything else
 * has no rule and is refused. The actuator's endpoints are not our controllers: they need {@link
 * Role#ADMIN} by path, health excepted ({@link #actuator}).
 */
public final class AccessRules {
  private AccessRules() {}

  /** What a handler needs: nothing ({@link #OPEN}) or a role. */
  public record Rule(Role role) {
    public static final Rule OPEN = new Rule(null);

    public boolean open() {
      return role == null;
    }
  }

  /**
   * The rule of {@code handler}, which Spring resolved for a request whose decoded path is {@code
   * path}; null when it has none (the request is then refused).
   */
  public static Rule of(Object handler, String path) {
    if (handler instanceof HandlerMethod hm) {
      Rule declared = declared(hm);
      if (declared != null) return declared;
      String type = hm.getBeanType().getName();
      // the OpenAPI document and Swagger UI are public, as the README says
      if (type.startsWith("org.springdoc.")) return Rule.OPEN;
      // renders the problem of a request that already failed or was refused
      if (ErrorController.class.isAssignableFrom(hm.getBeanType())) return Rule.OPEN;
      if (type.startsWith("org.springframework.boot.") && type.contains(".actuate."))
        return actuator(path);
      return null;
    }
    // static files (Swagger UI's); they read nothing of ours
    if (handler instanceof ResourceHttpRequestHandler) return Rule.OPEN;
    return null;
  }

  /** The annotation on the method, else on its controller; null when neither has one. */
  public static Rule declared(HandlerMethod hm) {
    Rule onMethod = rule(hm.getMethod());
    return onMethod != null ? onMethod : rule(hm.getBeanType());
  }

  private static Rule rule(AnnotatedElement element) {
    if (AnnotatedElementUtils.hasAnnotation(element, Open.class)) return Rule.OPEN;
    Requires r = AnnotatedElementUtils.findMergedAnnotation(element, Requires.class);
    return r == null ? null : new Rule(r.value());
  }

  /**
   * For a decoded path under {@code /actuator}: open for health, admin otherwise; null for other
   * paths.
   */
  public static Rule actuator(String path) {
    if (!path.equals("/actuator") && !path.startsWith("/actuator/")) return null;
    if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) return Rule.OPEN;
    return new Rule(Role.ADMIN);
  }
}
