package io.datamapper.load;

import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parsing half of the pipeline: a thread that reads records into batches and hands them over
 * through a bounded queue, so parsing and loading overlap while memory stays bounded: at most
 * {@link #CAPACITY} batches in flight, each closed at {@link #BATCH} records or {@link
 * #BATCH_CHARS} characters of values, whichever comes first, and at most {@link #IN_FLIGHT_CHARS}
 * characters handed over and not yet done with, unless a single batch is larger (a record near the
 * record limit then travels alone). So a file of huge records holds about two of them at once (one
 * being read, one being loaded), never eight.
 */
final class RecordPump implements AutoCloseable {
  static final int BATCH = 1024;
  static final int CAPACITY = 8;
  static final long BATCH_CHARS = 2L << 20;
  static final long IN_FLIGHT_CHARS = 8L << 20;
  private static final Batch END = new Batch(List.of(), 0);

  /** Records and the characters of their values. */
  private record Batch(List<RawRecord> records, long chars) {}

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(CAPACITY);

  /**
   * Characters of the batches queued or being loaded; the loader releases a batch when it takes the
   * next.
   */
  private final AtomicLong inFlight = new AtomicLong();

  private long taken;
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
        long counted = reader.lastValueChars();
        if (counted >= 0) {
          chars += counted;
        } else {
          for (String v : r.values()) {
            if (v != null) chars += v.length();
          }
        }
        if (batch.size() == BATCH || chars >= BATCH_CHARS) {
          put(new Batch(batch, chars));
          batch = new ArrayList<>(BATCH);
          chars = 0;
        }
      }
      if (!batch.isEmpty()) put(new Batch(batch, chars));
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

  private void put(Batch batch) throws InterruptedException {
    while (!stopped) {
      long held = inFlight.get();
      if (batch != END && held > 0 && held + batch.chars() > IN_FLIGHT_CHARS) {
        // the loader still holds enough: wait for it (it releases on its next take)
        synchronized (inFlight) {
          if (inFlight.get() == held) inFlight.wait(100);
        }
        continue;
      }
      inFlight.addAndGet(batch.chars());
      if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) return;
      inFlight.addAndGet(-batch.chars());
    }
  }

  /**
   * The next batch, or null at the end; the previous batch is done with. Rethrows the reader's
   * failure in the caller.
   */
  List<RawRecord> take() throws Exception {
    release();
    Batch next = queue.take();
    taken = next.chars();
    List<RawRecord> batch = next.records();
    if (next == END) {
      Throwable t = failure;
      if (t instanceof Exception e) throw e;
      if (t instanceof Error e) throw e;
      return null;
    }
    return batch;
  }

  private void release() {
    if (taken == 0) return;
    inFlight.addAndGet(-taken);
    taken = 0;
    synchronized (inFlight) {
      inFlight.notifyAll();
    }
  }

  @Override
  public void close() {
    stopped = true;
    queue.clear();
    release();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
