package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Opens the database on a background thread while the command reads its mapping and file:
 * connecting (or starting the embedded server) overlaps the other start-up work. Whoever starts one
 * must {@link #get()} or {@link #close()} it, so a server is never left running.
 */
final class OpeningDatabase implements AutoCloseable {
  private final FutureTask<Database> task;

  OpeningDatabase(Callable<Database> open) {
    this.task = new FutureTask<>(open);
    Thread.ofPlatform().name("datamapper-open-db").daemon().start(task);
  }

  /** The database {@code options} name: the one opened early from the same URL, else a new one. */
  static OpeningDatabase of(DbOptions options) {
    OpeningDatabase early = EarlyDatabase.take(options.resolvedUrl());
    return early != null ? early : new OpeningDatabase(options::open);
  }

  /** The open database; rethrows what opening it threw. */
  Database get() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataMapperException("Interrupted while opening the database", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Closes the database once it is open, without waiting for it: on a daemon thread, so a process
   * that exits first just drops the connection.
   */
  void closeLater() {
    Thread.ofPlatform().name("datamapper-close-db").daemon().start(this::close);
  }

  /** Closes the database once it is open (waits for it); ignores a failure to open. */
  @Override
  public void close() {
    try {
      get().close();
    } catch (RuntimeException ignored) {
      // opening failed: nothing to close
    }
  }
}
