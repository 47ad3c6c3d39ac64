package io.datamapper.coerce;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * A date/time column format: a {@link DateTimeFormatter} pattern resolved strictly (no 31st of
 * February rolled into March), case-insensitive, with English month names; {@code yyyy} works as
 * users expect, without an era; a pattern with a month but no day ({@code yyyy-MM}) reads the first
 * day of the month. Immutable and thread-safe.
 */
record TemporalFormat(String pattern, DateTimeFormatter formatter) {

  /** Null for no pattern, which means the ISO fast path. */
  static TemporalFormat of(String pattern) {
    if (pattern == null) return null;
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    try {
      b.appendPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "date/time format '" + pattern + "' is not a valid pattern: " + e.getMessage(), e);
    }
    if (usesYearOfEraWithoutEra(pattern)) b.parseDefaulting(ChronoField.ERA, 1);
    if (hasLetter(pattern, "ML") && !hasLetter(pattern, "dDEecFwWY"))
      b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
    DateTimeFormatter f =
        b.toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);
    return new TemporalFormat(pattern, f);
  }

  private static boolean usesYearOfEraWithoutEra(String pattern) {
    boolean quoted = false;
    boolean y = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == 'G') {
        return false;
      } else if (!quoted && c == 'y') {
        y = true;
      }
    }
    return y;
  }

  /**
   * True when one of {@code letters} is a pattern letter of {@code pattern} (outside quoted text).
   */
  private static boolean hasLetter(String pattern, String letters) {
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && letters.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The fields the pattern found; date, time and zone queries may give {@code null}. */
  TemporalAccessor parse(String raw) {
    try {
      return formatter.parse(raw.strip());
    } catch (DateTimeParseException e) {
      if (e.getCause() instanceof DateTimeException cause && cause.getMessage() != null) {
        throw new CoercionException(
            "not a valid value for the format " + pattern + ": " + cause.getMessage());
      }
      throw new CoercionException("does not match the format " + pattern);
    }
  }

  LocalDate date(TemporalAccessor t) {
    LocalDate d = t.query(TemporalQueries.localDate());
    if (d == null) throw new CoercionException("the format " + pattern + " gives no date");
    return d;
  }

  LocalTime time(TemporalAccessor t) {
    LocalTime time = t.query(TemporalQueries.localTime());
    if (time == null) throw new CoercionException("the format " + pattern + " gives no time");
    return time;
  }
}
