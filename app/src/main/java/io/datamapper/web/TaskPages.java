package io.datamapper.web;

import io.datamapper.ledger.Ledger;
import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskStore;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
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
 * A background import on the Import page: its card (progress, then summary or error), a live
 * stream of the card as Server-Sent Events for htmx's SSE extension, and cancel. The stream
 * works with the browser's session (an EventSource cannot send a key header); it reads the
 * task row every 250 ms, so any node can stream a task another node runs.
 */
@Controller
@BrowserPages
class TaskPages implements DisposableBean {
  private static final long POLL_MILLIS = 250;
  /** A stream ends after this long; htmx's SSE extension then reconnects and gets the card as it is. */
  private static final long STREAM_MILLIS = 30 * 60_000L;
  private final TaskStore store;
  private final ImportJobs jobs;
  private final Ledger ledger;
  private final ITemplateEngine templates;
  private final WebGuard guard;
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "datamapper-web-progress");
    t.setDaemon(true);
    return t;
  });

  TaskPages(TaskStore store, ImportJobs jobs, ReadConnections reads, ITemplateEngine templates, WebGuard guard) {
    this.store = store;
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

  @Requires(Role.READER)
  @GetMapping(path = "/ui/tasks/{id}/events", produces = "text/event-stream")
  SseEmitter events(@PathVariable String id, HttpServletRequest request) {
    UUID uuid = UUID.fromString(find(id).id());
    Role role = guard.role(request);
    boolean canImport = role != null && role.includes(Role.IMPORTER);
    SseEmitter emitter = new SseEmitter(STREAM_MILLIS);
    AtomicReference<OffsetDateTime> lastSent = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> future = new AtomicReference<>();
    Runnable poll = () -> {
      try {
        TaskView v = store.find(uuid).orElse(null);
        if (v == null) {
          emitter.complete();
          stop(future);
          return;
        }
        if (!Objects.equals(lastSent.get(), v.updatedAt())) {
          lastSent.set(v.updatedAt());
          String html = render(TaskCard.of(v, ledger), canImport);
          // Spring writes each line of the fragment as its own data: line, as SSE needs
          emitter.send(SseEmitter.event().name(v.finished() ? "done" : "progress").data(html));
        }
        if (v.finished()) {
          emitter.complete();
          stop(future);
        }
      } catch (IOException | IllegalStateException e) {
        stop(future); // the browser went away
      } catch (RuntimeException e) {
        emitter.completeWithError(e);
        stop(future);
      }
    };
    future.set(poller.scheduleWithFixedDelay(poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
    emitter.onCompletion(() -> stop(future));
    emitter.onTimeout(() -> stop(future));
    emitter.onError(e -> stop(future));
    return emitter;
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
      return store.find(UUID.fromString(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no task " + id + "."));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + id + "' is not a task id.");
    }
  }

  private static void stop(AtomicReference<ScheduledFuture<?>> f) {
    ScheduledFuture<?> s = f.get();
    if (s != null) s.cancel(false);
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
