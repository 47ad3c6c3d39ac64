package io.datamapper.web;

import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Console page: questions in plain language or SQL, answered read-only. */
@Controller
@BrowserPages
class ConsolePage {

  @Requires(Role.READER)
  @GetMapping("/ui/console")
  String page(Model model) {
    model.addAttribute("page", "console");
    return "ui/console";
  }
}
