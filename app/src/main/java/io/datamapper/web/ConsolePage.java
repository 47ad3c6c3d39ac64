package io.datamapper.web;

import io.datamapper.server.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Console page: questions in plain language or SQL, answered read-only. */
@Controller
class ConsolePage {

  @Access(Role.READER)
  @GetMapping("/ui/console")
  String page(Model model) {
    model.addAttribute("page", "console");
    return "ui/console";
  }
}
