package io.datamapper.load;

import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parsing half of the pipeline: a thread that reads records into batches and hands
 * them over through a bounded queue, so parsing and loading overlap while memory stays
 * bounded: at most {@link #CAPACITY} batches in flight, each closed at {@link #BATCH}
 * records or {@link #BATCH_CHARS} characters of values, whichever comes first (so a file of
 * megabyte-sized records cannot fill the heap).
 */
final class RecordPump implements AutoCloseable {
  static final int BATCH = 1024;
  static final int CAPACITY = 8;
  static final long BATCH_CHARS = 2L << 20;
  private static final List<RawRecord> END = List.of();

  private final BlockingQueue<List<RawRecord>> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final RecordReader reader;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean stopped;

  RecordPump(RecordReader reader, String name) {
    this.reader = reader;
    this.thread = Thread.ofPlatform().name("datamapper-read-" + name).daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      List<RawRecord> batch = new ArrayList<>(BATCH);
      long chars = 0;
      RawRecord r;
      while (!stopped && (r = reader.next()) != null) {
        batch.add(r);
        for (String v : r.values()) {
          if (v != null) chars += v.length();
        }
        if (batch.size() == BATCH || chars >= BATCH_CHARS) {
          put(batch);
          batch = new ArrayList<>(BATCH);
          chars = 0;
        }
      }
      if (!batch.isEmpty()) put(batch);
    } catch (Throwable t) {
      failure = t;
    } finally {
      try {
        put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void put(List<RawRecord> batch) throws InterruptedException {
    while (!stopped) {
      if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) return;
    }
  }

  /** The next batch, or null at the end. Rethrows the reader's failure in the caller. */
  List<RawRecord> take() throws Exception {
    List<RawRecord> batch = queue.take();
    if (batch == END) {
      Throwable t = failure;
      if (t instanceof Exception e) throw e;
      if (t instanceof Error e) throw e;
      return null;
    }
    return batch;
  }

  @Override
  public void close() {
    stopped = true;
    queue.clear();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
