package io.datamapper.coerce;

import static io.datamapper.coerce.Parsing.parse;
import static io.datamapper.coerce.Parsing.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.datamapper.mapping.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Unix time ({@code epoch-seconds}, {@code epoch-millis}) and year-month dates. */
class EpochAndYearMonthParsingTest {

  @Test
  void epoch_seconds_read_as_instants_in_timestamptz_columns() {
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", "1623767400"))
        .isEqualTo(Instant.parse("2021-06-15T14:30:00Z"));
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", " 0 ")).isEqualTo(Instant.EPOCH);
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", "-86400"))
        .isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
  }

  @Test
  void epoch_seconds_keep_decimals_to_the_microsecond_rounding_the_rest_half_up() {
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", "1623767400.25"))
        .isEqualTo(Instant.parse("2021-06-15T14:30:00.250Z"));
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", "1623767400.0000005"))
        .isEqualTo(Instant.parse("2021-06-15T14:30:00.000001Z"));
    assertThat(parse(ColumnType.TIMESTAMPTZ, "epoch-seconds", "-1.5"))
        .isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));
  }

  @Test
  void epoch_milliseconds_read_as_utc_wall_clock_time_in_timestamp_columns() {
    assertThat(parse(ColumnType.TIMESTAMP, "epoch-millis", "1623767400123"))
        .isEqualTo(LocalDateTime.of(2021, 6, 15, 14, 30, 0, 123_000_000));
    assertThat(parse(ColumnType.TIMESTAMP, "EPOCH-MILLIS", "0"))
        .isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
  }

  @Test
  void epoch_values_in_a_date_column_must_fall_on_midnight_utc() {
    assertThat(parse(ColumnType.DATE, "epoch-seconds", "1704067200"))
        .isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(parse(ColumnType.DATE, "epoch-millis", "1704067200000"))
        .isEqualTo(LocalDate.of(2024, 1, 1));
    rejects(ColumnType.DATE, "epoch-seconds", "1704067201", "not midnight UTC");
  }

  @Test
  void epoch_formats_refuse_text_dates_fractions_of_milliseconds_and_values_beyond_postgresql() {
    rejects(ColumnType.TIMESTAMPTZ, "epoch-seconds", "2024-01-01", "not Unix epoch seconds");
    rejects(ColumnType.TIMESTAMPTZ, "epoch-seconds", "1e9", "not Unix epoch seconds");
    rejects(ColumnType.TIMESTAMPTZ, "epoch-seconds", "12.", "not Unix epoch seconds");
    rejects(ColumnType.TIMESTAMPTZ, "epoch-seconds", "-", "not Unix epoch seconds");
    rejects(
        ColumnType.TIMESTAMPTZ,
        "epoch-millis",
        "1623767400123.5",
        "not whole Unix epoch milliseconds");
    rejects(
        ColumnType.TIMESTAMPTZ,
        "epoch-seconds",
        "9999999999999999",
        "out of range for PostgreSQL timestamps");
  }

  @Test
  void epoch_formats_are_refused_for_time_columns() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.TIME, "epoch-seconds"))
        .withMessageContaining("date, timestamp and timestamptz");
  }

  @Test
  void a_pattern_with_a_month_but_no_day_reads_the_first_of_the_month() {
    assertThat(parse(ColumnType.DATE, "yyyy-MM", "2024-03")).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(parse(ColumnType.DATE, "MM/yyyy", "12/1999")).isEqualTo(LocalDate.of(1999, 12, 1));
    assertThat(parse(ColumnType.DATE, "MMM yyyy", "Feb 2024")).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(parse(ColumnType.TIMESTAMP, "yyyy-MM", "2024-03"))
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
    rejects(ColumnType.DATE, "yyyy-MM", "2024-13", "yyyy-MM");
    rejects(ColumnType.DATE, "yyyy-MM", "2024-03-05", "does not match the format yyyy-MM");
  }

  @Test
  void a_pattern_with_a_day_still_needs_the_day() {
    rejects(ColumnType.DATE, "yyyy-MM-dd", "2024-03", "does not match the format yyyy-MM-dd");
  }
}
