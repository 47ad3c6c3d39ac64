package io.datamapper.load.copy;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.copy.CopyIn;

/**
 * The writing end of the pipeline: a thread that sends encoded chunks to PostgreSQL, so socket
 * writes never stall mapping and encoding. At most {@link #CAPACITY} chunks wait, and at most
 * {@link #QUEUED_BYTES} bytes unless one chunk is larger (a big row then waits for the queue to
 * empty). An error in the thread (even an {@link Error}) reaches the caller. The {@link CopyIn}
 * belongs to this thread from {@link #start()} until {@link #finish()} returns; then the caller
 * ends or cancels the COPY.
 */
public final class CopyWriter implements AutoCloseable {
  static final int CAPACITY = 4;
  static final long QUEUED_BYTES = 4L << 20;
  private static final CopyChunk END = new CopyChunk(new byte[0], 0);

  private final BlockingQueue<CopyChunk> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final CopyIn copy;
  private final BinaryCopyEncoder encoder;
  private final Thread thread;
  private volatile SQLException failure;
  private volatile Throwable crash;
  private volatile boolean stopped;
  private final AtomicLong queued = new AtomicLong();

  /**
   * A writer for one COPY stream; nothing is sent until {@link #start()}.
   *
   * @param copy the open COPY, owned by the writer thread from {@link #start()} to {@link
   *     #finish()}
   * @param encoder the encoder the written chunks are given back to
   * @param name names the thread ({@code datamapper-copy-<name>})
   */
  public CopyWriter(CopyIn copy, BinaryCopyEncoder encoder, String name) {
    this.copy = copy;
    this.encoder = encoder;
    this.thread = Thread.ofPlatform().name("datamapper-copy-" + name).daemon().unstarted(this::run);
  }

  /** Starts the writer thread. */
  public void start() {
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        CopyChunk chunk = queue.take();
        if (chunk == END) return;
        try {
          if (failure == null && !stopped) {
            copy.writeToCopy(chunk.bytes(), 0, chunk.length());
          }
        } finally {
          queued.addAndGet(-chunk.length());
        }
        encoder.recycle(chunk);
      }
    } catch (SQLException e) {
      failure = e;
      stopped = true;
      queue.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      crash = e;
      stopped = true;
      queue.clear();
    }
  }

  /** Queues a chunk, waiting while the queue is full. @throws SQLException if a write failed */
  public void submit(CopyChunk chunk) throws SQLException {
    while (true) {
      rethrow();
      try {
        long held = queued.get();
        if (held > 0 && held + chunk.length() > QUEUED_BYTES) {
          Thread.sleep(1); // a big chunk waits for the writer to drain the queue
        } else {
          queued.addAndGet(chunk.length());
          if (queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) return;
          queued.addAndGet(-chunk.length());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading", e);
      }
      if (!thread.isAlive()) {
        rethrow();
        throw new IllegalStateException("the COPY writer stopped");
      }
    }
  }

  /** Waits until every queued chunk is written. @throws SQLException if a write failed */
  public void finish() throws SQLException {
    submit(END);
    join();
    rethrow();
  }

  private void rethrow() throws SQLException {
    SQLException e = failure;
    if (e != null) throw e;
    Throwable t = crash;
    if (t instanceof Error err) throw err;
    if (t instanceof RuntimeException re) throw re;
  }

  private void join() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread without writing what is left (the COPY is cancelled next). */
  @Override
  public void close() {
    if (!thread.isAlive()) return;
    stopped = true;
    queue.clear();
    queue.offer(END);
    join();
  }
}
