package io.datamapper.query;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets another thread (the console's Ctrl-C handler) stop a question or statement: a running
 * statement is cancelled in PostgreSQL ({@link Statement#cancel()}), a question waiting for the
 * model stops before its SQL runs. One per question; thread-safe.
 */
public final class Cancellation {
  private volatile boolean cancelled;
  private volatile Statement running;

  public void cancel() {
    cancelled = true;
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException ignored) {
        // the statement ended meanwhile: nothing left to cancel
      }
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  void running(Statement s) {
    running = s;
    if (cancelled && s != null) cancel();
  }

  void finished() {
    running = null;
  }

  void throwIfCancelled() {
    if (cancelled) throw new QueryCancelledException("Cancelled.");
  }
}
