package io.datamapper.server.jobs;

import io.datamapper.server.api.ApiException;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.limits.ServerLimits;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of a task's progress: a {@code progress} event whenever the task row changes
 * (it is read every 250 ms, so any node can serve the stream of a task another node runs), then one
 * {@code done} event with the final state, and the stream ends. A stream also ends after {@code
 * datamapper.event-stream-timeout} (a {@code timeout} event first: reconnect for more) and when its
 * client is gone, which a comment every 15 s without news reveals. No thread is held per stream:
 * one poller serves them all, and this node serves at most {@code datamapper.max-event-streams} at
 * once. Thread-safe.
 */
@Component
public class TaskEvents implements DisposableBean {
  private static final long POLL_MILLIS = 250;
  private static final long KEEPALIVE_MILLIS = 15_000;
  private final TaskStore store;
  private final Duration timeout;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();
  private final ScheduledExecutorService poller =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread t = new Thread(r, "datamapper-task-events");
            t.setDaemon(true);
            return t;
          });

  public TaskEvents(ReadConnections reads, ServerLimits limits) {
    this.store = new TaskStore(reads.dataSource());
    this.timeout = limits.eventStreamTimeout();
    this.maxStreams = limits.maxEventStreams();
  }

  /** Streams open on this node now. */
  public int open() {
    return open.get();
  }

  public SseEmitter stream(UUID id) {
    return stream(id, v -> v);
  }

  /**
   * The same stream with each event's data made from the task by {@code data} (the web UI sends the
   * task's card as HTML for htmx); the limits, timeout and keep-alives are the same.
   */
  public SseEmitter stream(UUID id, Function<TaskView, Object> data) {
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "busy",
          "This node already serves "
              + maxStreams
              + " progress streams "
              + "(datamapper.max-event-streams). Poll GET /tasks/"
              + id
              + " instead, or try again in 5 s.",
          5L);
    }
    // the poller ends the stream at the deadline (with a last event); the container's timeout is
    // only a backstop
    SseEmitter emitter = new SseEmitter(timeout.toMillis() + 10_000);
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    AtomicReference<OffsetDateTime> lastSent = new AtomicReference<>();
    AtomicLong lastWrite = new AtomicLong(System.currentTimeMillis());
    AtomicReference<ScheduledFuture<?>> future = new AtomicReference<>();
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end =
        () -> {
          if (ended.compareAndSet(false, true)) open.decrementAndGet();
          ScheduledFuture<?> s = future.get();
          if (s != null) s.cancel(false);
        };
    Runnable poll =
        () -> {
          if (ended.get()) return;
          try {
            TaskView v = store.find(id).orElse(null);
            if (v == null) {
              end.run();
              emitter.complete();
              return;
            }
            if (!Objects.equals(lastSent.get(), v.updatedAt())) {
              lastSent.set(v.updatedAt());
              emitter.send(
                  SseEmitter.event()
                      .name(v.finished() ? "done" : "progress")
                      .id(String.valueOf(v.updatedAt()))
                      .data(data.apply(v)));
              lastWrite.set(System.currentTimeMillis());
            } else if (System.currentTimeMillis() - lastWrite.get() >= KEEPALIVE_MILLIS) {
              // a write to a client that left fails: the stream then ends
              emitter.send(SseEmitter.event().comment("waiting"));
              lastWrite.set(System.currentTimeMillis());
            }
            if (v.finished()) {
              end.run();
              emitter.complete();
            } else if (System.currentTimeMillis() >= deadline) {
              end.run();
              emitter.send(
                  SseEmitter.event()
                      .name("timeout")
                      .data(
                          "This stream ends after "
                              + timeout.toSeconds()
                              + " s (datamapper.event-stream-timeout); connect again to follow the task."));
              emitter.complete();
            }
          } catch (IOException | IllegalStateException e) {
            end.run(); // the client went away
          } catch (RuntimeException e) {
            end.run();
            emitter.completeWithError(e);
          }
        };
    emitter.onCompletion(end);
    emitter.onError(e -> end.run());
    emitter.onTimeout(
        () -> {
          end.run();
          emitter.complete();
        });
    future.set(poller.scheduleWithFixedDelay(poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
    if (ended.get()) future.get().cancel(false); // ended before the future was known
    return emitter;
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
