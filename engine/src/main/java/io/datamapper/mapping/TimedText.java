package io.datamapper.mapping;

import java.time.Duration;
import java.util.Locale;

/**
 * A value handed to {@link java.util.regex.Matcher} that watches the clock: the regex engine reads
 * the text one character at a time, also while it backtracks, so every 1,024 reads the deadline is
 * checked and, once past, matching stops with a {@link PatternTimeoutException}. This keeps Java's
 * regex syntax (backreferences, lookaround) that a mapping may use, and bounds its worst case. Not
 * thread-safe: one per match.
 */
final class TimedText implements CharSequence {
  private final String text;
  private final String pattern;
  private final Duration budget;
  private final long deadline;
  private int reads;

  TimedText(String text, String pattern, Duration budget) {
    this.text = text;
    this.pattern = pattern;
    this.budget = budget;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0x3FF) == 0 && System.nanoTime() - deadline > 0) {
      throw new PatternTimeoutException(
          "the replace pattern '"
              + shorten(pattern)
              + "' took more than "
              + describe(budget)
              + " on this value of "
              + String.format(Locale.ROOT, "%,d", text.length())
              + " characters (a pattern that backtracks"
              + " catastrophically, such as (a+)+$, can take forever); simplify the pattern, or raise datamapper.limits.max-regex-time");
    }
    return text.charAt(index);
  }

  /** A pattern as messages show it: at most 100 characters. */
  static String shorten(String pattern) {
    return pattern.length() <= 100 ? pattern : pattern.substring(0, 100) + "…";
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
