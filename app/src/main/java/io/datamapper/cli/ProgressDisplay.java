package io.datamapper.cli;

import io.datamapper.load.Progress;
import io.datamapper.load.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (bytes read, rows, rows/s, ETA); silent when not on a terminal.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {
  private volatile ProgressBar bar;

  private ProgressDisplay(ProgressBar bar) {
    this.bar = bar;
  }

  static ProgressDisplay forTerminal(Path file, boolean quiet) {
    if (quiet || !Terminal.isInteractive()) return new ProgressDisplay(null);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = -1;
    }
    return forTerminal(file.getFileName().toString(), size, false);
  }

  /** A bar for a source of {@code size} bytes (-1: unknown) named {@code name}. */
  static ProgressDisplay forTerminal(String name, long size, boolean quiet) {
    if (quiet || !Terminal.isInteractive()) return new ProgressDisplay(null);
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(Math.max(size, 1))
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUnit(" MB", 1024 * 1024)
            .showSpeed()
            .setUpdateIntervalMillis(200)
            .continuousUpdate()
            .build();
    return new ProgressDisplay(bar);
  }

  @Override
  public void onProgress(Progress p) {
    ProgressBar bar = this.bar;
    if (bar == null) return;
    bar.stepTo(p.bytesRead());
    bar.setExtraMessage(
        String.format(" %,d rows (%,d/s)", p.rowsRead(), Math.round(p.rowsPerSecond())));
  }

  /** Ends the bar; safe to call twice (a second close would draw it again). */
  @Override
  public void close() {
    if (bar != null) bar.close();
    bar = null;
  }
}
