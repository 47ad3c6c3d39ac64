package io.datamapper.server.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket (Bucket4j) per caller: an API key, or a remote address for callers without a valid
 * key and with {@code --no-auth}. Buckets live in this node's memory: a cluster of N nodes behind a
 * balancer allows up to N times the rate. Thread-safe.
 */
@Component
public class RateLimiter {
  /**
   * Beyond this many callers, full (idle) buckets are dropped; they would start full again anyway.
   */
  private static final int MAX_BUCKETS = 10_000;

  private final ServerLimits.RateLimit limit;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(ServerLimits limits) {
    this.limit = limits.rateLimit();
  }

  /**
   * Takes one request from {@code caller}'s bucket: 0 when it may go on, else the seconds until it
   * may (at least 1).
   */
  public long tryAcquire(String caller) {
    if (!limit.enabled()) return 0;
    if (buckets.size() > MAX_BUCKETS) trim();
    ConsumptionProbe probe =
        buckets.computeIfAbsent(caller, c -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) return 0;
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }

  /** The limit in words, for the 429's detail. */
  public String describe() {
    return limit.requestsPerSecond()
        + " requests per second per key, bursts of "
        + limit.burst()
        + " (datamapper.rate-limit.requests-per-second, .burst)";
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            l ->
                l.capacity(limit.burst())
                    .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)))
        .build();
  }

  private synchronized void trim() {
    if (buckets.size() <= MAX_BUCKETS) return;
    buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.burst());
    // callers from very many addresses at once: start everyone afresh rather than grow without
    // bound
    if (buckets.size() > MAX_BUCKETS) buckets.clear();
  }
}
