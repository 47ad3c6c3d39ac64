package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTextTest {
  private final CellText text1900 = new CellText(false);
  private final CellText text1904 = new CellText(true);

  @Test
  void numbers_are_plain_decimals_without_exponent_or_trailing_zero() {
    assertThat(CellText.plain(42)).isEqualTo("42");
    assertThat(CellText.plain(3.5)).isEqualTo("3.5");
    assertThat(CellText.plain(1e20)).isEqualTo("100000000000000000000");
    assertThat(CellText.plain(-0.0)).isEqualTo("0");
    assertThat(CellText.plain(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(CellText.plain(1.5e-7)).isEqualTo("0.00000015");
    assertThat(CellText.plain(-123456789012.25)).isEqualTo("-123456789012.25");
  }

  @Test
  void date_formats_give_iso_dates_times_and_milliseconds_only_when_present() {
    assertThat(text1900.number(45322, 14, "m/d/yy")).isEqualTo("2024-01-31");
    assertThat(text1900.number(45322.5729166667, 22, "m/d/yy h:mm"))
        .isEqualTo("2024-01-31 13:45:00");
    assertThat(text1900.number(45322.5 + 1.5 / 86400, 164, "yyyy-mm-dd hh:mm:ss.000"))
        .isEqualTo("2024-01-31 12:00:01.500");
    assertThat(text1900.number(0.5729166667, 21, "h:mm:ss")).isEqualTo("13:45:00");
    assertThat(text1900.number(0.25, 170, "[h]:mm")).isEqualTo("06:00:00");
    assertThat(text1900.number(0.25, 171, "hh:mm AM/PM")).isEqualTo("06:00:00");
  }

  @Test
  void the_1904_date_system_counts_from_1904() {
    assertThat(text1904.number(43860, 14, "m/d/yy")).isEqualTo("2024-01-31");
    assertThat(text1904.number(0, 14, "m/d/yy")).isEqualTo("1904-01-01");
    assertThat(text1900.number(43860, 14, "m/d/yy")).isEqualTo("2020-01-30");
  }

  @Test
  void the_number_formats_that_are_not_dates_leave_the_number_alone() {
    assertThat(text1900.number(0.5, 9, "0%")).isEqualTo("0.5");
    assertThat(text1900.number(1234.5, 4, "#,##0.00")).isEqualTo("1234.5");
    assertThat(text1900.number(45322, 164, "\"Week\" 0")).isEqualTo("45322");
    assertThat(text1900.number(-1, 14, "m/d/yy")).isEqualTo("-1");
  }

  @Test
  void zero_padded_formats_keep_the_leading_zeros_excel_shows() {
    assertThat(text1900.number(2134, 169, "00000")).isEqualTo("02134");
    assertThat(text1900.number(123456, 169, "00000")).isEqualTo("123456");
    assertThat(text1900.number(21.5, 169, "00000")).isEqualTo("21.5");
  }

  @Test
  void error_texts_are_recognised() {
    assertThat(CellText.isError("#DIV/0!")).isTrue();
    assertThat(CellText.isError("#N/A")).isTrue();
    assertThat(CellText.isError("#1")).isFalse();
  }
}
