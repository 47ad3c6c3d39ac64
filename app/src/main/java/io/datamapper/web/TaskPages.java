package io.datamapper.web;

import io.datamapper.ledger.Ledger;
import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskEvents;
import io.datamapper.server.jobs.TaskStore;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A background import on the Import page: its card (progress, then summary or error), a live stream
 * of the card as Server-Sent Events for htmx's SSE extension, and cancel. The stream works with the
 * browser's session (an EventSource cannot send a key header); it is the server's {@link
 * TaskEvents} stream (the task row read every 250 ms, so any node can stream a task another node
 * runs; the same limits) with the card as its data.
 */
@Controller
@BrowserPages
class TaskPages {
  private final TaskStore store;
  private final TaskEvents events;
  private final ImportJobs jobs;
  private final Ledger ledger;
  private final ITemplateEngine templates;
  private final WebGuard guard;

  TaskPages(
      TaskStore store,
      TaskEvents events,
      ImportJobs jobs,
      ReadConnections reads,
      ITemplateEngine templates,
      WebGuard guard) {
    this.store = store;
    this.events = events;
    this.jobs = jobs;
    this.ledger = new Ledger(reads.dataSource());
    this.templates = templates;
    this.guard = guard;
  }

  @Requires(Role.READER)
  @GetMapping("/ui/tasks/{id}")
  String card(@PathVariable String id, Model model) {
    model.addAttribute("card", TaskCard.of(find(id), ledger));
    return "ui/task :: card";
  }

  /**
   * The task's card as Server-Sent Events (the server's stream, its limits and timeout), HTML that
   * htmx swaps in.
   */
  @Requires(Role.READER)
  @GetMapping(path = "/ui/tasks/{id}/events", produces = "text/event-stream")
  SseEmitter events(@PathVariable String id, HttpServletRequest request) {
    UUID uuid = UUID.fromString(find(id).id());
    Role role = guard.role(request);
    boolean canImport = role != null && role.includes(Role.IMPORTER);
    // Spring writes each line of the fragment as its own data: line, as SSE needs
    return events.stream(uuid, v -> render(TaskCard.of(v, ledger), canImport));
  }

  @Requires(Role.IMPORTER)
  @PostMapping("/ui/tasks/{id}/cancel")
  String cancel(@PathVariable String id, Model model) {
    TaskView t = find(id);
    jobs.cancel(UUID.fromString(t.id()));
    model.addAttribute("card", TaskCard.of(find(id), ledger));
    return "ui/task :: card";
  }

  private String render(TaskCard card, boolean canImport) {
    Context ctx = new Context(Locale.ENGLISH, Map.of("card", card, "canImport", canImport));
    return templates.process("ui/task", Set.of("card"), ctx);
  }

  private TaskView find(String id) {
    try {
      return store
          .find(UUID.fromString(id))
          .orElseThrow(
              () ->
                  new ResponseStatusException(
                      HttpStatus.NOT_FOUND, "There is no task " + id + "."));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + id + "' is not a task id.");
    }
  }
}
