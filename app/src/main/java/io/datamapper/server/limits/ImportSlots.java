package io.datamapper.server.limits;

import io.datamapper.server.api.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The imports one node runs at once ({@code datamapper.max-concurrent-imports}), synchronous
 * requests and background tasks together: each holds a slot while it imports. A synchronous import
 * waits up to {@code datamapper.import-wait} for one, then is refused with 503 and {@code
 * Retry-After}; a background task waits in its scheduler thread (the task stays queued, and another
 * node may take it). Thread-safe; fair, so waiting imports go in arrival order.
 */
@Component
public class ImportSlots {
  private final int max;
  private final Duration wait;
  private final Semaphore slots;

  public ImportSlots(ServerLimits limits) {
    this.max = limits.importSlots();
    this.wait = limits.importWait();
    this.slots = new Semaphore(max, true);
  }

  /** A held slot; closing it frees the slot (once). */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  public int max() {
    return max;
  }

  /**
   * A slot for a synchronous import, or a 503 {@link ApiException} with {@code Retry-After} when
   * none frees in time.
   */
  public Slot acquire() {
    boolean got;
    try {
      got = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) {
      long retry = Math.max(1, Math.min(30, wait.toSeconds()));
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "busy",
          "This node is running "
              + max
              + " imports, as many as it "
              + "runs at once (datamapper.max-concurrent-imports), and none finished within "
              + wait.toMillis()
              + " ms "
              + "(datamapper.import-wait). Try again in "
              + retry
              + " s, or use async=true to queue the import.",
          retry);
    }
    return release();
  }

  /**
   * A slot for a background task: waits until one is free; gives up with an {@link
   * IllegalStateException} when {@code stopping} turns true (the task goes back to the queue).
   */
  public Slot await(BooleanSupplier stopping) {
    try {
      while (!slots.tryAcquire(250, TimeUnit.MILLISECONDS)) {
        if (stopping.getAsBoolean())
          throw new IllegalStateException("this node is stopping; the task goes back to the queue");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an import slot", e);
    }
    return release();
  }

  private Slot release() {
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) slots.release();
    };
  }
}
