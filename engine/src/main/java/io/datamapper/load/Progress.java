package io.datamapper.load;

/** A snapshot of a running import. {@code totalBytes} is {@code -1} when unknown. Immutable. */
public record Progress(
    long rowsRead, long rowsRejected, long bytesRead, long totalBytes, long elapsedNanos) {

  /** Fraction done in 0..1 from bytes read, or -1 when the size is unknown. */
  public double fraction() {
    return totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : -1;
  }

  public double rowsPerSecond() {
    return elapsedNanos <= 0 ? 0 : rowsRead * 1e9 / elapsedNanos;
  }

  /** Estimated seconds left, or -1 when unknown. */
  public long etaSeconds() {
    double f = fraction();
    if (f <= 0 || elapsedNanos <= 0) return -1;
    return (long) ((elapsedNanos / 1e9) * (1 - f) / f);
  }
}
