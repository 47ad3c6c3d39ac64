package io.datamapper.web;

import io.datamapper.server.DataMapperProperties;
import io.datamapper.server.security.ApiKeys;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in with an API key and out again. The key is checked as the API checks it (its
 * SHA-256 against {@code datamapper.api-keys}) and never stored: the session keeps the role
 * and the key's id (the first 8 hex digits of its hash). Without keys ({@code --no-auth} on
 * loopback) there is nothing to sign in to.
 */
@Controller
class LoginPage {
  private final ApiKeys keys;
  private final WebGuard guard;

  LoginPage(DataMapperProperties props, WebGuard guard) {
    this.keys = ApiKeys.parse(props.apiKeys());
    this.guard = guard;
  }

  @Access(open = true)
  @GetMapping("/ui/login")
  String form(@RequestParam(required = false) String next, HttpServletRequest request, Model model) {
    if (guard.noAuth() || guard.role(request) != null) return "redirect:" + safeNext(next);
    model.addAttribute("next", safeNext(next));
    return "ui/login";
  }

  @Access(open = true)
  @PostMapping("/ui/login")
  String signIn(@RequestParam(required = false) String key, @RequestParam(required = false) String next, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    if (guard.noAuth()) return "redirect:/";
    Optional<Role> role = keys.roleOf(key);
    if (role.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("next", safeNext(next));
      model.addAttribute("error", key == null || key.isBlank()
          ? "Enter an API key."
          : "This API key is not valid. Check it, or ask an administrator for a new one (datamapper keys new).");
      return "ui/login";
    }
    WebSession.signIn(request, role.get(), ApiKeys.sha256(key.trim()).substring(0, 8));
    return "redirect:" + safeNext(next);
  }

  @Access(open = true)
  @PostMapping("/ui/logout")
  String signOut(HttpServletRequest request) {
    WebSession.signOut(request);
    return guard.noAuth() ? "redirect:/" : "redirect:/ui/login";
  }

  /** Only a path on this server (no scheme, no host, no "//"): the sign-in page is no open redirect. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.contains("\r")
        || next.contains("\n") || next.startsWith("/ui/login") || next.startsWith("/ui/logout")) {
      return "/";
    }
    return next;
  }
}
