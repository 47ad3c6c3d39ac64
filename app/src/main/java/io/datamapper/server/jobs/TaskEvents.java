package io.datamapper.server.jobs;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of a task's progress: a {@code progress} event whenever the task row
 * changes (it is read every 250 ms, so any node can serve the stream of a task another node
 * runs), then one {@code done} event with the final state, and the stream ends. Thread-safe.
 */
@Component
public class TaskEvents implements DisposableBean {
  private static final long POLL_MILLIS = 250;
  private final TaskStore store;
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "datamapper-task-events");
    t.setDaemon(true);
    return t;
  });

  public TaskEvents(TaskStore store) {
    this.store = store;
  }

  public SseEmitter stream(UUID id) {
    SseEmitter emitter = new SseEmitter(Long.MAX_VALUE);
    AtomicReference<OffsetDateTime> lastSent = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> future = new AtomicReference<>();
    Runnable poll = () -> {
      try {
        TaskView v = store.find(id).orElse(null);
        if (v == null) {
          emitter.complete();
          cancel(future);
          return;
        }
        if (!Objects.equals(lastSent.get(), v.updatedAt())) {
          lastSent.set(v.updatedAt());
          emitter.send(SseEmitter.event().name(v.finished() ? "done" : "progress").id(String.valueOf(v.updatedAt())).data(v));
        }
        if (v.finished()) {
          emitter.complete();
          cancel(future);
        }
      } catch (IOException | IllegalStateException e) {
        // the client went away
        cancel(future);
      } catch (RuntimeException e) {
        emitter.completeWithError(e);
        cancel(future);
      }
    };
    future.set(poller.scheduleWithFixedDelay(poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
    emitter.onCompletion(() -> cancel(future));
    emitter.onTimeout(() -> cancel(future));
    emitter.onError(e -> cancel(future));
    return emitter;
  }

  private static void cancel(AtomicReference<ScheduledFuture<?>> f) {
    ScheduledFuture<?> s = f.get();
    if (s != null) s.cancel(false);
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
