package io.datamapper.format;

/**
 * Limits for compressed sources: the most bytes an archive may expand to, and the largest expansion
 * ratio once more than {@code ratioAfterBytes} have come out. A gzip of zeros expands about 1000×;
 * real CSV, JSON and XML rarely pass 20–50×. Immutable.
 */
public record DecompressionLimits(long maxExpandedBytes, double maxRatio, long ratioAfterBytes) {
  /** 64 GB expanded; 200× once past 64 MB. */
  public static final DecompressionLimits DEFAULT =
      new DecompressionLimits(64L << 30, 200, 64L << 20);

  void check(String name, long expanded, long compressed) {
    if (expanded > maxExpandedBytes) {
      throw new BadFileException(
          name
              + " expands to more than "
              + human(maxExpandedBytes)
              + "; that is over the limit for compressed files. Unpack it yourself if it is genuine.");
    }
    if (expanded > ratioAfterBytes && compressed > 0 && expanded > maxRatio * compressed) {
      throw new BadFileException(
          name
              + " expands more than "
              + (long) maxRatio
              + "× ("
              + human(compressed)
              + " became "
              + human(expanded)
              + " and counting): it looks like a decompression bomb. Unpack it yourself if it is genuine.");
    }
  }

  static String human(long bytes) {
    if (bytes >= 1L << 30) return String.format("%.1f GB", bytes / (double) (1L << 30));
    if (bytes >= 1L << 20) return String.format("%.1f MB", bytes / (double) (1L << 20));
    return String.format("%.1f KB", bytes / 1024.0);
  }
}
