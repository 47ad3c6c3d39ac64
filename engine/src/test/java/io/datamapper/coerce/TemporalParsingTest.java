package io.datamapper.coerce;

import static io.datamapper.coerce.Parsing.parse;
import static io.datamapper.coerce.Parsing.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.datamapper.mapping.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TemporalParsingTest {

  @Test
  void date_reads_iso_dates_with_one_or_two_digit_month_and_day() {
    assertThat(parse(ColumnType.DATE, null, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(parse(ColumnType.DATE, null, " 2024-1-5 ")).isEqualTo(LocalDate.of(2024, 1, 5));
    assertThat(parse(ColumnType.DATE, null, "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
  }

  @Test
  void date_rejects_impossible_days_and_year_zero_like_postgresql() {
    rejects(ColumnType.DATE, null, "2023-02-29", "not a valid calendar date");
    rejects(ColumnType.DATE, null, "2024-13-01", "not a valid calendar date");
    rejects(ColumnType.DATE, null, "2024-04-31", "not a valid calendar date");
    rejects(ColumnType.DATE, null, "0000-01-01", "year 0 does not exist");
  }

  @Test
  void date_accepts_years_up_to_postgresql_maximum_and_no_further() {
    assertThat(parse(ColumnType.DATE, null, "5874897-12-31"))
        .isEqualTo(LocalDate.of(5_874_897, 12, 31));
    rejects(ColumnType.DATE, null, "5874898-01-01", "out of range for PostgreSQL dates");
    rejects(ColumnType.DATE, null, "12345678-01-01", "not a date in the form yyyy-MM-dd");
  }

  @Test
  void date_is_strict_about_extra_text_and_infinity() {
    rejects(ColumnType.DATE, null, "2024-01-01 00:00", "not a date in the form yyyy-MM-dd");
    rejects(ColumnType.DATE, null, "01/02/2024", "not a date in the form yyyy-MM-dd");
    rejects(ColumnType.DATE, null, "20240101", "not a date in the form yyyy-MM-dd");
    rejects(ColumnType.DATE, null, "infinity", "infinite dates and timestamps are not supported");
    rejects(ColumnType.DATE, null, "-Infinity", "infinite dates and timestamps are not supported");
  }

  @Test
  void date_format_reads_european_and_american_orders_strictly() {
    assertThat(parse(ColumnType.DATE, "dd/MM/yyyy", "31/12/2024"))
        .isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(parse(ColumnType.DATE, "MM/dd/yyyy", "12/31/2024"))
        .isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(parse(ColumnType.DATE, "d.M.yyyy", "1.2.2024")).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(parse(ColumnType.DATE, "d MMM uuuu", "5 mar 2024"))
        .isEqualTo(LocalDate.of(2024, 3, 5));
    rejects(
        ColumnType.DATE, "dd/MM/yyyy", "31/02/2024", "not a valid value for the format dd/MM/yyyy");
    rejects(ColumnType.DATE, "dd/MM/yyyy", "2024-02-01", "does not match the format dd/MM/yyyy");
    rejects(ColumnType.DATE, "dd/MM/yyyy HH:mm", "01/02/2024 10:30", "has a time of day");
  }

  @Test
  void invalid_date_patterns_are_refused_when_the_parser_is_made() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.DATE, "dd/MM/yyyy{"))
        .withMessageContaining("is not a valid pattern");
  }

  @Test
  void time_reads_hours_minutes_optional_seconds_and_fractions() {
    assertThat(parse(ColumnType.TIME, null, "10:00")).isEqualTo(LocalTime.of(10, 0));
    assertThat(parse(ColumnType.TIME, null, "1:2:3")).isEqualTo(LocalTime.of(1, 2, 3));
    assertThat(parse(ColumnType.TIME, null, "23:59:59.123456"))
        .isEqualTo(LocalTime.of(23, 59, 59, 123_456_000));
    assertThat(parse(ColumnType.TIME, null, "12:00:00.5"))
        .isEqualTo(LocalTime.of(12, 0, 0, 500_000_000));
  }

  @Test
  void time_rounds_beyond_microseconds_and_carries_like_postgresql() {
    assertThat(parse(ColumnType.TIME, null, "00:00:00.0000015"))
        .isEqualTo(LocalTime.of(0, 0, 0, 2_000));
    assertThat(parse(ColumnType.TIME, null, "00:00:00.0000005")).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(parse(ColumnType.TIME, null, "00:00:60")).isEqualTo(LocalTime.of(0, 1));
    assertThat(parse(ColumnType.TIME, null, "24:00:00")).isEqualTo(LocalTime.MAX);
    assertThat(parse(ColumnType.TIME, null, "23:59:59.9999999")).isEqualTo(LocalTime.MAX);
  }

  @Test
  void time_rejects_invalid_clock_values_and_offsets() {
    rejects(ColumnType.TIME, null, "24:00:01", "not a valid time of day");
    rejects(ColumnType.TIME, null, "12:60", "not a valid time of day");
    rejects(ColumnType.TIME, null, "23:59:60.5", "not a valid time of day");
    assertThat(parse(ColumnType.TIME, null, "12:59:60.5"))
        .isEqualTo(LocalTime.of(13, 0, 0, 500_000_000));
    rejects(
        ColumnType.TIME,
        null,
        "10:00:00+02",
        "has a time zone offset, which a time column would silently drop");
    rejects(ColumnType.TIME, null, "10", "not a time in the form HH:mm[:ss[.ffffff]]");
    rejects(ColumnType.TIME, null, "10:00:00.", "not a time");
  }

  @Test
  void time_format_reads_twelve_hour_clocks() {
    assertThat(parse(ColumnType.TIME, "h:mm a", "3:15 PM")).isEqualTo(LocalTime.of(15, 15));
  }

  @Test
  void timestamp_reads_iso_with_t_or_spaces_and_date_only_as_midnight() {
    LocalDateTime expected = LocalDateTime.of(2024, 3, 1, 10, 30, 15, 250_000_000);
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-03-01T10:30:15.25")).isEqualTo(expected);
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-03-01 10:30:15.250000")).isEqualTo(expected);
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-03-01  10:30:15.25")).isEqualTo(expected);
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-03-01"))
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-03-01 1:02"))
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 1, 2));
  }

  @Test
  void timestamp_carries_midnight_leap_seconds_and_rounding_into_the_next_day() {
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-12-31 23:59:60"))
        .isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-02-28 24:00:00"))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-01-01 23:59:59.9999995"))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
    assertThat(parse(ColumnType.TIMESTAMP, null, "2024-01-01 24:00:00.0000001"))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
    rejects(ColumnType.TIMESTAMP, null, "2024-01-01 23:59:60.1", "not a valid time of day");
  }

  @Test
  void timestamp_refuses_an_offset_instead_of_dropping_it() {
    rejects(ColumnType.TIMESTAMP, null, "2024-01-01 10:00+02", "use a timestamptz column");
    rejects(ColumnType.TIMESTAMP, null, "2024-01-01T10:00:00Z", "use a timestamptz column");
  }

  @Test
  void timestamp_range_ends_where_postgresql_ends() {
    assertThat(parse(ColumnType.TIMESTAMP, null, "294276-12-31 23:59:59.999999"))
        .isEqualTo(LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000));
    rejects(ColumnType.TIMESTAMP, null, "294277-01-01", "out of range for PostgreSQL timestamps");
    rejects(
        ColumnType.TIMESTAMP,
        null,
        "294276-12-31 23:59:59.9999999",
        "out of range for PostgreSQL timestamps");
  }

  @Test
  void timestamp_format_reads_custom_layouts_and_rounds_nanoseconds_to_microseconds() {
    assertThat(parse(ColumnType.TIMESTAMP, "dd/MM/yyyy HH:mm", "31/12/2024 23:05"))
        .isEqualTo(LocalDateTime.of(2024, 12, 31, 23, 5));
    assertThat(parse(ColumnType.TIMESTAMP, "dd/MM/yyyy[ HH:mm]", "31/12/2024"))
        .isEqualTo(LocalDateTime.of(2024, 12, 31, 0, 0));
    assertThat(
            parse(
                ColumnType.TIMESTAMP,
                "yyyy-MM-dd HH:mm:ss.SSSSSSSSS",
                "2024-01-01 00:00:00.000000500"))
        .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000));
    rejects(
        ColumnType.TIMESTAMP,
        "yyyy-MM-dd HH:mmXXX",
        "2024-01-01 10:00+02:00",
        "use a timestamptz column");
  }

  @Test
  void timestamptz_applies_offsets_and_reads_a_missing_offset_as_utc() {
    Instant tenUtc = Instant.parse("2024-01-01T10:00:00Z");
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01T10:00:00Z")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01 10:00:00")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01 12:00:00+02")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01 15:30:00 +05:30")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01 15:30:00+0530")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01 05:00-05")).isEqualTo(tenUtc);
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "2024-01-01"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    rejects(ColumnType.TIMESTAMPTZ, null, "2024-01-01 10:00+16", "has an invalid time zone offset");
    rejects(ColumnType.TIMESTAMPTZ, null, "2024-01-01 10:00 CET", "not a timestamp");
  }

  @Test
  void timestamptz_checks_the_range_after_converting_to_utc() {
    assertThat(parse(ColumnType.TIMESTAMPTZ, null, "294277-01-01 00:30+01"))
        .isEqualTo(Instant.parse("+294276-12-31T23:30:00Z"));
    rejects(
        ColumnType.TIMESTAMPTZ,
        null,
        "294276-12-31 23:59:59.999999-01",
        "out of range for PostgreSQL timestamps");
  }

  @Test
  void timestamptz_format_uses_the_zone_it_finds_or_utc() {
    assertThat(
            parse(ColumnType.TIMESTAMPTZ, "dd.MM.yyyy HH:mm VV", "01.07.2024 12:00 Europe/Berlin"))
        .isEqualTo(Instant.parse("2024-07-01T10:00:00Z"));
    assertThat(parse(ColumnType.TIMESTAMPTZ, "dd.MM.yyyy HH:mm", "01.07.2024 12:00"))
        .isEqualTo(Instant.parse("2024-07-01T12:00:00Z"));
  }
}
