package io.datamapper.detect;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates, times and timestamps in sampled values. ISO-8601 values (a {@code T} or a space between
 * date and time, optional fraction and offset) need no format; other shapes get a {@link
 * java.time.format.DateTimeFormatter} pattern. For {@code 03/04/2024} the day-first and month-first
 * readings are both tried on every value: a first part above 12 proves day-first, a second part
 * above 12 month-first; without proof day-first wins and a note says so. Stateless.
 */
final class DateShapes {
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern ISO_TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,9})?)?");
  private static final Pattern YEAR_FIRST =
      Pattern.compile(
          "(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?: (\\d{2}):(\\d{2})(?::(\\d{2}))?)?");
  private static final Pattern DAY_OR_MONTH_FIRST =
      Pattern.compile(
          "(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?( ?)([AaPp][Mm])?)?");

  private DateShapes() {}

  /** The temporal type of {@code values} (stripped, none empty), or null. */
  static Typed guess(String column, List<String> values) {
    Typed t = isoDates(values);
    if (t == null) t = isoTimestamps(column, values);
    if (t == null) t = times(values);
    if (t == null) t = yearFirst(values);
    if (t == null) t = dayOrMonthFirst(column, values);
    if (t == null) t = monthNames(values);
    if (t == null) t = yearMonths(column, values);
    return t;
  }

  private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

  /**
   * {@code 2024-03}: a date with format {@code yyyy-MM}, read as the first of the month; a note
   * says so.
   */
  private static Typed yearMonths(String column, List<String> values) {
    for (String v : values) {
      Matcher m = YEAR_MONTH.matcher(v);
      if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12)
        return null;
    }
    return Typed.of(
        ColumnType.DATE,
        "yyyy-MM",
        "column '"
            + column
            + "': values are years and months ("
            + values.get(0)
            + ") — typed date with format yyyy-MM, loaded as the first day of the month");
  }

  /**
   * Dates with English month names, as reports write them: Jan 5 2024, 5 January 2024, March 3,
   * 2024.
   */
  private static final List<String> MONTH_NAME_PATTERNS =
      List.of(
          "MMM d yyyy",
          "MMM d, yyyy",
          "MMMM d yyyy",
          "MMMM d, yyyy",
          "d MMM yyyy",
          "d MMMM yyyy",
          "d-MMM-yyyy",
          "dd-MMM-yyyy");

  private static final Pattern MONTH_NAME_SHAPE =
      Pattern.compile(
          "(?:\\d{1,2}[ -])?[A-Za-z]{3,9}\\.?[ -]\\d{1,2}?,? ?\\d{4}|\\d{1,2}[ -][A-Za-z]{3,9}[ -]\\d{4}");

  private static Typed monthNames(List<String> values) {
    for (String v : values) {
      if (!MONTH_NAME_SHAPE.matcher(v).matches()) return null;
    }
    // the import's own parser decides, so detection and loading agree on every pattern
    for (String pattern : MONTH_NAME_PATTERNS) {
      ValueParser parser = ValueParser.forColumn(ColumnType.DATE, pattern);
      boolean all = true;
      for (String v : values) {
        try {
          parser.parse(v);
        } catch (CoercionException e) {
          all = false;
          break;
        }
      }
      if (all) return Typed.of(ColumnType.DATE, pattern, null);
    }
    return null;
  }

  private static Typed isoDates(List<String> values) {
    for (String v : values) {
      Matcher m = ISO_DATE.matcher(v);
      if (!m.matches() || !validDate(m.group(1), m.group(2), m.group(3))) return null;
    }
    return Typed.of(ColumnType.DATE);
  }

  private static Typed isoTimestamps(String column, List<String> values) {
    int withOffset = 0;
    String withoutExample = null;
    for (String v : values) {
      Matcher m = ISO_TIMESTAMP.matcher(v);
      if (!m.matches()
          || !validDate(m.group(1), m.group(2), m.group(3))
          || !validTime(m.group(4), m.group(5), m.group(6))) {
        return null;
      }
      if (m.group(7) != null) {
        withOffset++;
      } else if (withoutExample == null) {
        withoutExample = v;
      }
    }
    if (withOffset == 0) return Typed.of(ColumnType.TIMESTAMP);
    if (withoutExample == null) return Typed.of(ColumnType.TIMESTAMPTZ);
    return Typed.of(
        ColumnType.TIMESTAMPTZ,
        null,
        "column '"
            + column
            + "': "
            + withOffset
            + " of "
            + values.size()
            + " timestamps have a UTC offset but "
            + withoutExample
            + " has none; typed timestamptz, so values without"
            + " an offset are read in the session time zone");
  }

  private static Typed times(List<String> values) {
    boolean oneDigitHour = false;
    int withSeconds = 0;
    boolean fraction = false;
    for (String v : values) {
      Matcher m = TIME.matcher(v);
      if (!m.matches() || !validTime(m.group(1), m.group(2), m.group(3))) return null;
      oneDigitHour |= m.group(1).length() == 1;
      if (m.group(3) != null) withSeconds++;
      fraction |= m.group(4) != null;
    }
    if (!oneDigitHour) return Typed.of(ColumnType.TIME);
    if (fraction || (withSeconds > 0 && withSeconds < values.size())) return null;
    return Typed.of(ColumnType.TIME, withSeconds > 0 ? "H:mm:ss" : "H:mm", null);
  }

  private static Typed yearFirst(List<String> values) {
    char sep = 0;
    boolean twoDigits = true;
    int timeParts = -1; // 0: date only, 2: HH:mm, 3: HH:mm:ss; the same for every value
    for (String v : values) {
      Matcher m = YEAR_FIRST.matcher(v);
      if (!m.matches() || !validDate(m.group(1), m.group(3), m.group(4))) return null;
      char s = m.group(2).charAt(0);
      if (sep != 0 && s != sep) return null;
      sep = s;
      int parts = m.group(5) == null ? 0 : m.group(7) == null ? 2 : 3;
      if (timeParts >= 0 && parts != timeParts) return null;
      timeParts = parts;
      if (parts > 0 && !validTime(m.group(5), m.group(6), m.group(7))) return null;
      twoDigits &= m.group(3).length() == 2 && m.group(4).length() == 2;
    }
    if (sep == '-' && twoDigits && timeParts == 0)
      return Typed.of(ColumnType.DATE); // ISO, already taken above
    String date = twoDigits ? "yyyy" + sep + "MM" + sep + "dd" : "yyyy" + sep + "M" + sep + "d";
    return switch (timeParts) {
      case 2 -> Typed.of(ColumnType.TIMESTAMP, date + " HH:mm", null);
      case 3 -> Typed.of(ColumnType.TIMESTAMP, date + " HH:mm:ss", null);
      default -> Typed.of(ColumnType.DATE, date, null);
    };
  }

  private static Typed dayOrMonthFirst(String column, List<String> values) {
    char sep = 0;
    boolean twoDigits = true;
    boolean oneDigitHour = false;
    int timeParts = -1; // 0: date only, 2: HH:mm, 3: HH:mm:ss; the same for every value
    String meridiem =
        null; // "24": 24-hour clock; " " or "": what stands before AM/PM; the same for every value
    boolean dayFirst = true;
    boolean monthFirst = true;
    String dayEvidence = null;
    String monthEvidence = null;
    String ambiguous = null;
    for (String v : values) {
      Matcher m = DAY_OR_MONTH_FIRST.matcher(v);
      if (!m.matches()) return null;
      char s = m.group(2).charAt(0);
      int parts = m.group(5) == null ? 0 : m.group(7) == null ? 2 : 3;
      if ((sep != 0 && s != sep) || (timeParts >= 0 && parts != timeParts)) return null;
      sep = s;
      timeParts = parts;
      if (parts > 0 && !validTime(m.group(5), m.group(6), m.group(7))) return null;
      String clock = parts == 0 ? "" : m.group(9) == null ? "24" : m.group(8);
      if (meridiem != null && !meridiem.equals(clock)) return null;
      meridiem = clock;
      if (m.group(9) != null
          && (Integer.parseInt(m.group(5)) < 1 || Integer.parseInt(m.group(5)) > 12)) return null;
      oneDigitHour |= parts > 0 && m.group(5).length() == 1;
      twoDigits &= m.group(1).length() == 2 && m.group(3).length() == 2;
      boolean asDayFirst = validDate(m.group(4), m.group(3), m.group(1));
      boolean asMonthFirst = validDate(m.group(4), m.group(1), m.group(3));
      dayFirst &= asDayFirst;
      monthFirst &= asMonthFirst;
      if (asDayFirst && !asMonthFirst && dayEvidence == null) dayEvidence = v;
      if (asMonthFirst && !asDayFirst && monthEvidence == null) monthEvidence = v;
      if (asDayFirst && asMonthFirst && ambiguous == null && !m.group(1).equals(m.group(3)))
        ambiguous = v;
      if (!dayFirst && !monthFirst) return null;
    }
    String day = twoDigits ? "dd" : "d";
    String month = twoDigits ? "MM" : "M";
    boolean twelveHour = timeParts > 0 && !"24".equals(meridiem);
    String hour = twelveHour ? (oneDigitHour ? "h" : "hh") : (oneDigitHour ? "H" : "HH");
    String time =
        switch (timeParts) {
          case 2 -> " " + hour + ":mm";
          case 3 -> " " + hour + ":mm:ss";
          default -> "";
        };
    if (twelveHour) time += meridiem + "a";
    String dayFirstPattern = day + sep + month + sep + "yyyy" + time;
    String monthFirstPattern = month + sep + day + sep + "yyyy" + time;
    ColumnType type = timeParts > 0 ? ColumnType.TIMESTAMP : ColumnType.DATE;
    String dm = "DD" + sep + "MM";
    String md = "MM" + sep + "DD";
    String label = "column '" + column + "': ";
    if (dayFirst && monthFirst) {
      String example = ambiguous != null ? ambiguous : values.get(0);
      return Typed.of(
          type,
          dayFirstPattern,
          label
              + example
              + " could be "
              + dm
              + " or "
              + md
              + " and no sampled value decides; chose "
              + dm
              + " — use format "
              + monthFirstPattern
              + " if months come first");
    }
    if (dayFirst) {
      return Typed.of(type, dayFirstPattern, decided(label, ambiguous, dm, md, dm, dayEvidence));
    }
    return Typed.of(type, monthFirstPattern, decided(label, ambiguous, dm, md, md, monthEvidence));
  }

  /** Why an order was chosen for an ambiguous value that another value decided; null if none. */
  private static String decided(
      String label, String ambiguous, String dm, String md, String chosen, String evidence) {
    if (ambiguous == null) return null;
    return label
        + ambiguous
        + " could be "
        + dm
        + " or "
        + md
        + "; chose "
        + chosen
        + " because "
        + evidence
        + " appears";
  }

  private static boolean validDate(String year, String month, String day) {
    try {
      LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean validTime(String hour, String minute, String second) {
    return Integer.parseInt(hour) < 24
        && Integer.parseInt(minute) < 60
        && (second == null || Integer.parseInt(second) < 60);
  }
}
