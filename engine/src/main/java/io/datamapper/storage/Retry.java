package io.datamapper.storage;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request or download is retried after a transient failure (a dropped
 * connection, a 5xx or 429 answer): up to {@code attempts} tries in all, waiting up to {@code
 * firstBackoff}, then up to twice as long each time, at most {@code maxBackoff}; each wait is drawn
 * between half and all of that ("equal jitter"), so clients that failed together do not retry
 * together. The same policy drives the object-store client's own retries (see {@code
 * S3ObjectStore}). Immutable.
 */
public record Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {
  /** 6 tries, waiting up to 0.25 s, 0.5 s, 1 s, 2 s, 4 s between them (at most 7.75 s in all). */
  public static final Retry DEFAULT = new Retry(6, Duration.ofMillis(250), Duration.ofSeconds(8));

  public Retry {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
  }

  /** The longest wait before try number {@code attempt} (2 for the first retry). */
  Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 2));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /** Waits before try number {@code attempt}: between half and all of {@link #backoff(int)}. */
  void sleepBefore(int attempt) throws InterruptedIOException {
    long most = backoff(attempt).toMillis();
    long half = most / 2;
    long wait = half + ThreadLocalRandom.current().nextLong(most - half + 1);
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
