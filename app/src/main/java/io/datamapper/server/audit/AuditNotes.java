package io.datamapper.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a request touched, as controllers learn it (the import id of a new import, a task id, a
 * table), for its audit entry. Outside a request (a background task) notes are dropped.
 */
public final class AuditNotes {
  private static final String ATTRIBUTE = AuditNotes.class.getName();

  private AuditNotes() {}

  public static void note(String key, Object value) {
    if (value == null) return;
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a)
      of(a.getRequest()).put(key, value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(HttpServletRequest request) {
    Object notes = request.getAttribute(ATTRIBUTE);
    if (notes instanceof Map<?, ?> m) return (Map<String, Object>) m;
    Map<String, Object> created = new LinkedHashMap<>();
    request.setAttribute(ATTRIBUTE, created);
    return created;
  }
}
