package io.datamapper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waiting in tests: poll with a deadline, never sleep for a fixed time. The one helper the app
 * tests share; a timeout is an {@link AssertionError} naming what did not happen and the last value
 * seen.
 */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(25);

  private Await() {}

  /** Polls {@code poll} until {@code done} accepts its value, and returns that value. */
  public static <T> T until(
      String what, Duration limit, Supplier<? extends T> poll, Predicate<? super T> done) {
    Instant deadline = Instant.now().plus(limit);
    T last = null;
    while (true) {
      last = poll.get();
      if (done.test(last)) return last;
      if (Instant.now().isAfter(deadline))
        throw new AssertionError(what + " did not happen in " + limit + "; last seen: " + last);
      pause();
    }
  }

  /** Waits until {@code condition} holds. */
  public static void until(String what, Duration limit, BooleanSupplier condition) {
    until(what, limit, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * The port a child server prints in its log (group 1 of {@code serving}); fails at once when the
   * process exits first.
   */
  public static int port(Process process, Path log, Pattern serving, Duration limit) {
    String text =
        until(
            "the server's start",
            limit,
            () -> {
              String now = read(log);
              if (!process.isAlive() && !serving.matcher(now).find())
                throw new AssertionError("server exited: " + now);
              return now;
            },
            now -> serving.matcher(now).find());
    Matcher m = serving.matcher(text);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
