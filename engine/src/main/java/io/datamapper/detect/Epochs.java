package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Integers that read as Unix time: a time-like column name ({@code created}, {@code *_at}, {@code
 * timestamp}, {@code epoch}, {@code ts}, ...) and every value within 2000–2100 as epoch seconds (10
 * digits) or milliseconds (13 digits). Such a column is proposed as {@code timestamptz} with format
 * {@code epoch-seconds} or {@code epoch-millis}, and a note gives the evidence; without the name,
 * or with one value out of range, it stays bigint. Stateless.
 */
final class Epochs {
  private static final Pattern TIME_NAME =
      Pattern.compile(
          ".*(_at|_ts|_time|_date|time|timestamp|epoch|date|created|updated|modified)|ts|when");
  private static final long FROM = 946_684_800L; // 2000-01-01
  private static final long TO = 4_102_444_800L; // 2100-01-01

  private Epochs() {}

  /**
   * The timestamptz proposal for an integer column, or null when its values do not read as Unix
   * time.
   */
  static Typed typed(String column, List<String> values, String label) {
    if (values.isEmpty() || !TIME_NAME.matcher(column.toLowerCase(java.util.Locale.ROOT)).matches())
      return null;
    Boolean millis = null;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (String v : values) {
      boolean m = v.length() == 13;
      if ((v.length() != 10 && !m) || (millis != null && millis != m)) return null;
      millis = m;
      long value = Long.parseLong(v);
      long seconds = value / (m ? 1000 : 1);
      if (seconds < FROM || seconds >= TO) return null;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    String format = millis ? "epoch-millis" : "epoch-seconds";
    return Typed.of(
        ColumnType.TIMESTAMPTZ,
        format,
        label
            + ": a time-like name and all "
            + values.size()
            + " values read as Unix epoch "
            + (millis ? "milliseconds" : "seconds")
            + " from "
            + at(min, millis)
            + " to "
            + at(max, millis)
            + " ("
            + min
            + " = "
            + at(min, millis)
            + ") — typed timestamptz with format "
            + format
            + "; use bigint if they are not times");
  }

  private static Instant at(long value, boolean millis) {
    return millis ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }
}
