package io.datamapper.detect;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Integers that look like Unix time: a time-like column name ({@code created}, {@code *_at},
 * {@code timestamp}, {@code epoch}, {@code ts}, ...) and every value within 2000–2100 as
 * epoch seconds (10 digits) or milliseconds (13 digits). The import reads no epoch format,
 * so the column stays bigint and the note says how the values read. Stateless.
 */
final class Epochs {
  private static final Pattern TIME_NAME = Pattern.compile(
      ".*(_at|_ts|_time|_date|time|timestamp|epoch|date|created|updated|modified)|ts|when");
  private static final long FROM = 946_684_800L; // 2000-01-01
  private static final long TO = 4_102_444_800L; // 2100-01-01

  private Epochs() {}

  /** The note for a bigint column, or null when its values do not read as Unix time. */
  static String note(String column, List<String> values) {
    if (values.isEmpty() || !TIME_NAME.matcher(column).matches()) return null;
    Boolean millis = null;
    for (String v : values) {
      boolean m = v.length() == 13;
      if ((v.length() != 10 && !m) || (millis != null && millis != m)) return null;
      millis = m;
      long seconds = Long.parseLong(v) / (m ? 1000 : 1);
      if (seconds < FROM || seconds >= TO) return null;
    }
    String first = values.get(0);
    Instant at = millis ? Instant.ofEpochMilli(Long.parseLong(first)) : Instant.ofEpochSecond(Long.parseLong(first));
    return "values read as Unix epoch " + (millis ? "milliseconds" : "seconds") + " (" + first + " = " + at
        + "); kept bigint, as the import reads no epoch format — convert with to_timestamp(" + column
        + (millis ? " / 1000.0" : "") + ") after loading";
  }
}
