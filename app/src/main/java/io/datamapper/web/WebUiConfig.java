package io.datamapper.web;

import io.datamapper.server.security.Caller;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the web UI: its guard on every handler (it acts only on the UI's own), and what every
 * page's layout needs.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfig implements WebMvcConfigurer {
  private final WebGuard guard;

  WebUiConfig(WebGuard guard) {
    this.guard = guard;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // before the server's role check, so a browser gets a sign-in page or an HTML message rather
    // than JSON
    registry.addInterceptor(guard).order(Ordered.HIGHEST_PRECEDENCE);
  }

  /** The layout's model: CSRF token, who is signed in, and what their role lets them do. */
  @ControllerAdvice(basePackageClasses = WebUiConfig.class)
  static class LayoutModel {
    private final WebGuard guard;

    LayoutModel(WebGuard guard) {
      this.guard = guard;
    }

    @ModelAttribute
    void layout(HttpServletRequest request, Model model) {
      fill(guard, request, model);
    }

    /** Also for error pages, whose model the advice's attributes do not reach. */
    static void fill(WebGuard guard, HttpServletRequest request, Model model) {
      Caller caller = guard.caller(request);
      Role role = caller.role();
      model.addAttribute("csrf", WebSession.csrfToken(request));
      model.addAttribute("role", role == null ? null : role.spelling());
      model.addAttribute("signedIn", role != null);
      model.addAttribute("canImport", role != null && role.includes(Role.IMPORTER));
      model.addAttribute("noAuth", guard.noAuth());
      model.addAttribute("keyId", caller.id());
    }
  }
}
