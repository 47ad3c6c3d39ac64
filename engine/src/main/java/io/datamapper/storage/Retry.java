package io.datamapper.storage;

import java.time.Duration;

/**
 * How often and how patiently a download is retried after a transient failure (a dropped
 * connection, a 5xx or 429 answer): up to {@code attempts} tries in all, waiting
 * {@code firstBackoff}, then twice as long each time, at most {@code maxBackoff}. Immutable.
 */
public record Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {
  /** 6 tries, waiting 0.25 s, 0.5 s, 1 s, 2 s, 4 s between them. */
  public static final Retry DEFAULT = new Retry(6, Duration.ofMillis(250), Duration.ofSeconds(8));

  public Retry {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
  }

  /** The wait before try number {@code attempt} (2 for the first retry). */
  Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 2));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  void sleepBefore(int attempt) throws java.io.InterruptedIOException {
    try {
      Thread.sleep(backoff(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting to retry the download");
    }
  }
}
