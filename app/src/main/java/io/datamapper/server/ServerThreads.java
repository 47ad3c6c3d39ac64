package io.datamapper.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a thread dies of an uncaught error. A request thread never does: its errors
 * become problem details (an {@link OutOfMemoryError} a 503). But Tomcat's acceptor and poller
 * threads let an {@code OutOfMemoryError} end them, and a server without them answers nothing any
 * more, health checks included, while it still looks alive. So every uncaught error is logged, and
 * when it killed one of those threads the process stops with exit code {@value #EXIT_CODE} right
 * away, for a supervisor (systemd, Kubernetes) to restart it: a server that says so and restarts
 * beats one that hangs. Imports in flight are single transactions, so stopping loses none half-way.
 * {@code -XX:+ExitOnOutOfMemoryError} is not used: it would end the server for an error one request
 * could survive.
 */
final class ServerThreads {
  static final int EXIT_CODE = 70;
  private static final Logger log = LoggerFactory.getLogger(ServerThreads.class);

  private ServerThreads() {}

  /** Installs the process-wide handler (idempotent). */
  static void install() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    if (previous instanceof Handler) return;
    Thread.setDefaultUncaughtExceptionHandler(new Handler());
  }

  /**
   * Whether {@code name} is one of the threads without which Tomcat accepts or serves nothing
   * ({@code http-nio-8080-Acceptor}, {@code http-nio-8080-Poller}); import threads carry a file's
   * name, so only connector names count.
   */
  static boolean vital(String name) {
    return name.startsWith("http") && (name.endsWith("-Acceptor") || name.endsWith("-Poller"));
  }

  private static final class Handler implements Thread.UncaughtExceptionHandler {
    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (!vital(t.getName())) {
        log.error("Thread {} died of an uncaught error", t.getName(), e);
        return;
      }
      try {
        log.error(
            "Thread {} died of {}: the server cannot accept or serve connections any more; stopping with exit code {}"
                + " so that it is restarted",
            t.getName(),
            e,
            EXIT_CODE);
      } finally {
        Runtime.getRuntime().halt(EXIT_CODE);
      }
    }
  }
}
