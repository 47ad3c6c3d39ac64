package io.datamapper.web;

import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.BrowserSessions;
import io.datamapper.server.security.Open;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in with an API key and out again. The key is checked as a key header is (its SHA-256
 * against {@code datamapper.api-keys}) and never stored: the session keeps the key's id and role
 * ({@link BrowserSessions}). Without keys ({@code --no-auth} on loopback) there is nothing to sign
 * in to. Wrong keys count against the caller's rate limit like any request.
 */
@Controller
@BrowserPages
class LoginPage {
  private final BrowserSessions browsers;

  LoginPage(BrowserSessions browsers) {
    this.browsers = browsers;
  }

  @Open
  @GetMapping("/ui/login")
  String form(
      @RequestParam(required = false) String next, HttpServletRequest request, Model model) {
    if (browsers.noAuth() || browsers.caller(request).authenticated())
      return "redirect:" + safeNext(next);
    model.addAttribute("next", safeNext(next));
    return "ui/login";
  }

  @Open
  @PostMapping("/ui/login")
  String signIn(
      @RequestParam(required = false) String key,
      @RequestParam(required = false) String next,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (browsers.noAuth()) return "redirect:/";
    if (browsers.signIn(request, key).isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("next", safeNext(next));
      model.addAttribute(
          "error",
          key == null || key.isBlank()
              ? "Enter an API key."
              : "This API key is not valid. Check it, or ask an administrator for a new one (datamapper keys new).");
      return "ui/login";
    }
    WebSession.rotate(request);
    return "redirect:" + safeNext(next);
  }

  @Open
  @PostMapping("/ui/logout")
  String signOut(HttpServletRequest request) {
    browsers.signOut(request);
    return browsers.noAuth() ? "redirect:/" : "redirect:/ui/login";
  }

  /**
   * Only a path on this server (no scheme, no host, no "//"): the sign-in page is no open redirect.
   */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.contains("\r")
        || next.contains("\n")
        || next.startsWith("/ui/login")
        || next.startsWith("/ui/logout")) {
      return "/";
    }
    return next;
  }
}
