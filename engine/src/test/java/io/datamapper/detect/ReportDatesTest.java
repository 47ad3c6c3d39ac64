package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dates as reports and US exports write them: 12-hour clocks (01/31/2024 3:07 PM), month names (Jan
 * 5 2024).
 */
class ReportDatesTest {

  @Test
  void am_pm_timestamps_get_a_twelve_hour_pattern_the_parser_reads() {
    Typed t =
        DateShapes.guess(
            "when", List.of("01/31/2024 10:05 AM", "02/01/2024 3:07 PM", "12/24/2023 11:59 pm"));

    assertThat(t.type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(t.format()).isEqualTo("MM/dd/yyyy h:mm a");
    ValueParser p = ValueParser.forColumn(ColumnType.TIMESTAMP, t.format());
    assertThat(p.parse("02/01/2024 3:07 PM")).isEqualTo(LocalDateTime.of(2024, 2, 1, 15, 7));
    assertThat(p.parse("12/24/2023 11:59 pm")).isEqualTo(LocalDateTime.of(2023, 12, 24, 23, 59));
    assertThat(p.parse("01/31/2024 12:05 AM")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 5));
  }

  @Test
  void a_mix_of_clocks_or_an_hour_past_twelve_with_pm_is_not_a_timestamp_shape() {
    assertThat(DateShapes.guess("when", List.of("01/31/2024 10:05 AM", "02/01/2024 15:07")))
        .isNull();
    assertThat(DateShapes.guess("when", List.of("01/31/2024 13:05 PM"))).isNull();
  }

  @Test
  void twenty_four_hour_timestamps_keep_their_pattern() {
    Typed t = DateShapes.guess("when", List.of("31/01/2024 15:07", "01/02/2024 09:30"));

    assertThat(t.format()).isEqualTo("dd/MM/yyyy HH:mm");
  }

  @Test
  void dates_with_english_month_names_get_a_pattern() {
    assertThat(DateShapes.guess("d", List.of("Jan 5 2024", "Sep 30 2023")).format())
        .isEqualTo("MMM d yyyy");
    assertThat(DateShapes.guess("d", List.of("March 3, 2024", "April 15, 2024")).format())
        .isEqualTo("MMMM d, yyyy");
    assertThat(DateShapes.guess("d", List.of("5 January 2024")).format()).isEqualTo("d MMMM yyyy");
    assertThat(DateShapes.guess("d", List.of("05-Jan-2024", "10-Feb-2024")).format())
        .isEqualTo("d-MMM-yyyy");
    assertThat(DateShapes.guess("d", List.of("Jan 5 2024", "someday 2024"))).isNull();
  }

  @Test
  void one_spelling_alone_is_not_a_boolean_but_true_alone_is() {
    assertThat(ColumnProfile.guess("grade", List.of("Y", "Y", "y"), ',').type())
        .isEqualTo(ColumnType.TEXT);
    assertThat(ColumnProfile.guess("ok", List.of("Y", "N"), ',').type())
        .isEqualTo(ColumnType.BOOLEAN);
    assertThat(ColumnProfile.guess("ok", List.of("true", "true"), ',').type())
        .isEqualTo(ColumnType.BOOLEAN);
  }
}
