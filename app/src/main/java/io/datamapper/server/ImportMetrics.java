package io.datamapper.server;

import io.datamapper.load.ImportSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Import metrics for Prometheus: {@code datamapper_imports_total{outcome}}, {@code
 * datamapper_import_rows_total}, {@code datamapper_import_duration_seconds}. Thread-safe.
 */
@Component
public class ImportMetrics {
  private final MeterRegistry registry;
  private final Counter rows;
  private final Timer duration;

  public ImportMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.rows =
        Counter.builder("datamapper.import.rows")
            .description("Rows inserted by imports")
            .register(registry);
    this.duration =
        Timer.builder("datamapper.import.duration")
            .description("Time of succeeded imports")
            .register(registry);
  }

  public void succeeded(ImportSummary s) {
    outcome("succeeded");
    rows.increment(s.rowsInserted());
    duration.record(Duration.ofMillis(s.durationMillis()));
  }

  /** {@code outcome}: failed, cancelled, refused. */
  public void outcome(String outcome) {
    Counter.builder("datamapper.imports")
        .description("Imports by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
