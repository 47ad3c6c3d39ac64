package io.datamapper.server.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one node gives one caller and all callers at once ({@code datamapper.*}; as environment
 * variables {@code DATAMAPPER_*}). Every limit answers with a problem detail that names its
 * setting, so an operator knows what to raise.
 *
 * @param rateLimit requests per API key (per remote address with {@code --no-auth}); 0 turns it off
 * @param maxConcurrentImports imports this node runs at once, synchronous and background together
 *     (default twice the cores, at least 2); background tasks queue, synchronous ones wait {@code
 *     importWait}
 * @param importWait how long a synchronous import waits for a free slot before a 503 with
 *     Retry-After
 * @param stagingQuota total size of async uploads waiting in the staging store; beyond it a 503
 *     with Retry-After
 * @param statementTimeout longest query a read endpoint (tables, imports, tasks, audit) may run
 * @param maxJsonBody largest request body other than a multipart upload (the {@code /map-b2-data}
 *     JSON)
 * @param eventStreamTimeout longest life of a task's progress stream; the client reconnects for
 *     more
 * @param maxEventStreams progress streams this node serves at once
 */
@ConfigurationProperties("datamapper")
public record ServerLimits(
    @DefaultValue RateLimit rateLimit,
    Integer maxConcurrentImports,
    @DefaultValue("10s") Duration importWait,
    @DefaultValue("10GB") DataSize stagingQuota,
    @DefaultValue("30s") Duration statementTimeout,
    @DefaultValue("1MB") DataSize maxJsonBody,
    @DefaultValue("1h") Duration eventStreamTimeout,
    @DefaultValue("200") int maxEventStreams) {

  /**
   * A token bucket per caller: {@code burst} requests at once, refilled at {@code
   * requestsPerSecond}. The defaults leave room for a busy client (20 threads sharing one key
   * measured ~160 requests/s).
   */
  public record RateLimit(
      @DefaultValue("300") long requestsPerSecond, @DefaultValue("600") long burst) {
    public boolean enabled() {
      return requestsPerSecond > 0 && burst > 0;
    }
  }

  /** {@link #maxConcurrentImports}, or its default: twice the cores, at least 2. */
  public int importSlots() {
    if (maxConcurrentImports != null && maxConcurrentImports > 0) return maxConcurrentImports;
    return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  }
}
