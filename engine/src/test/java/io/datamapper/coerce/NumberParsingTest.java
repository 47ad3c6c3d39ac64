package io.datamapper.coerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumberParsingTest {

  private static Object parse(String type, String format, String raw) {
    return ValueParser.forColumn(ColumnType.parse(type), format).parse(raw);
  }

  private static void rejects(String type, String format, String raw, String reason) {
    assertThatThrownBy(() -> parse(type, format, raw))
        .isInstanceOf(CoercionException.class)
        .hasMessage(reason);
  }

  @Test
  void integer_accepts_sign_and_surrounding_whitespace() {
    assertThat(parse("integer", null, " -42 ")).isEqualTo(-42);
    assertThat(parse("integer", null, "+7")).isEqualTo(7);
    assertThat(parse("integer", null, "007")).isEqualTo(7);
    assertThat(parse("bigint", null, "\t9223372036854775807\n")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void integer_accepts_both_ends_of_its_range_and_rejects_one_beyond() {
    assertThat(parse("integer", null, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(parse("integer", null, "2147483647")).isEqualTo(Integer.MAX_VALUE);
    rejects("integer", null, "2147483648", "out of range for integer");
    rejects("integer", null, "-2147483649", "out of range for integer");
    assertThat(parse("bigint", null, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    rejects("bigint", null, "9223372036854775808", "out of range for bigint");
    rejects("bigint", null, "99999999999999999999999999", "out of range for bigint");
  }

  @Test
  void integer_rejects_fractions_exponents_and_words() {
    rejects("integer", null, "12.0", "not a whole number");
    rejects("integer", null, "1e3", "not a whole number");
    rejects("integer", null, "abc", "not a whole number");
    rejects("integer", null, "-", "not a whole number");
    rejects("integer", null, "1 2", "not a whole number");
    rejects("integer", null, "1,234", "not a whole number");
    rejects("integer", null, "  ", "is blank");
  }

  @Test
  void integer_accepts_thousands_separators_only_when_the_format_names_them() {
    assertThat(parse("integer", ".,", "1,234,567")).isEqualTo(1_234_567);
    assertThat(parse("bigint", ",.", "-1.234")).isEqualTo(-1234L);
    assertThat(parse("integer", ", ", "12 345")).isEqualTo(12_345);
    assertThat(parse("integer", ".,", "1234")).isEqualTo(1234);
  }

  @Test
  void thousands_separators_must_group_by_three_so_a_decimal_comma_is_never_misread() {
    rejects(
        "integer",
        ".,",
        "1,5",
        "has a misplaced thousands separator ',' (digits must be grouped by three)");
    rejects(
        "numeric",
        ".,",
        "12,34.5",
        "has a misplaced thousands separator ',' (digits must be grouped by three)");
    rejects(
        "numeric",
        ".,",
        ",123",
        "has a misplaced thousands separator ',' (digits must be grouped by three)");
    rejects(
        "numeric",
        ".,",
        "1234,567",
        "has a misplaced thousands separator ',' (digits must be grouped by three)");
    rejects(
        "numeric",
        ",.",
        "1.5",
        "has a misplaced thousands separator '.' (digits must be grouped by three)");
  }

  @Test
  void numeric_reads_decimal_comma_and_thousands_formats() {
    assertThat(parse("numeric", ",", "3,14")).isEqualTo(new BigDecimal("3.14"));
    assertThat(parse("numeric", ",.", "-1.234.567,891")).isEqualTo(new BigDecimal("-1234567.891"));
    assertThat(parse("numeric", ".,", "1,234.5")).isEqualTo(new BigDecimal("1234.5"));
    rejects("numeric", ",", "3.14", "not a number");
  }

  @Test
  void numeric_keeps_the_written_scale_when_unconstrained() {
    assertThat(parse("numeric", null, "1.500")).hasToString("1.500");
    assertThat(parse("numeric", null, "-0.0")).hasToString("0.0");
    assertThat(parse("numeric", null, ".5")).hasToString("0.5");
    assertThat(parse("numeric", null, "5.")).hasToString("5");
    assertThat(parse("numeric", null, "+12")).hasToString("12");
  }

  @Test
  void numeric_accepts_exponent_notation_like_postgresql() {
    assertThat(parse("numeric", null, "1.5e3")).hasToString("1500");
    assertThat(parse("numeric", null, "1.2345E2")).hasToString("123.45");
    assertThat(parse("numeric", null, "1e-20")).isEqualTo(new BigDecimal("1E-20"));
    assertThat(((BigDecimal) parse("numeric", null, "1e-20")).scale()).isEqualTo(20);
    assertThat(parse("numeric", null, "12345678901234567890.5"))
        .hasToString("12345678901234567890.5");
  }

  @Test
  void numeric_rounds_extra_decimals_like_postgresql() {
    assertThat(parse("numeric(5,2)", null, "0.125")).hasToString("0.13");
    assertThat(parse("numeric(5,2)", null, "-0.125")).hasToString("-0.13");
    assertThat(parse("numeric(5,2)", null, "-0.004")).hasToString("0.00");
    assertThat(parse("numeric(5,2)", null, "1")).hasToString("1.00");
    assertThat(parse("numeric(5)", null, "2.5")).hasToString("3");
    assertThat(parse("numeric(12,2)", null, "9999999999.994")).hasToString("9999999999.99");
  }

  @Test
  void numeric_rejects_values_with_more_integer_digits_than_the_column_allows() {
    rejects(
        "numeric(12,2)",
        null,
        "12345678901",
        "needs 11 digits before the decimal point but numeric(12,2) allows 10");
    rejects(
        "numeric(12,2)",
        null,
        "9999999999.995",
        "needs 11 digits before the decimal point but numeric(12,2) allows 10");
    rejects(
        "numeric(2,2)",
        null,
        "1",
        "needs 1 digit before the decimal point but numeric(2,2) allows 0");
    assertThat(parse("numeric(2,2)", null, "0.994")).hasToString("0.99");
  }

  @Test
  void numeric_rejects_nan_infinity_and_values_beyond_postgresql_limits() {
    rejects("numeric", null, "NaN", "NaN and infinity are not supported for numeric columns");
    rejects(
        "numeric(12,2)",
        null,
        "-Infinity",
        "NaN and infinity are not supported for numeric columns");
    rejects(
        "numeric",
        null,
        "1e-16384",
        "has more than 16383 digits after the decimal point, the most PostgreSQL numeric allows");
    rejects(
        "numeric(12,2)",
        null,
        "1e-999999999",
        "has more than 16383 digits after the decimal point, the most PostgreSQL numeric allows");
    rejects(
        "numeric",
        null,
        "1e131072",
        "has more than 131072 digits before the decimal point, the most PostgreSQL numeric allows");
    rejects("numeric", null, "1e99999999999", "has an exponent out of range");
    rejects("numeric", null, "1e", "not a number");
    rejects("numeric", null, "0x1F", "not a number");
    rejects("numeric", null, "1.2.3", "not a number");
  }

  @Test
  void double_parses_like_postgresql_including_its_special_spellings() {
    assertThat(parse("double", null, " 1.5 ")).isEqualTo(1.5);
    assertThat(parse("double", null, "-0")).isEqualTo(-0.0);
    assertThat(parse("double", null, "4.9e-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(parse("double", ",.", "1.234,5")).isEqualTo(1234.5);
    assertThat(parse("double", null, "NaN")).isEqualTo(Double.NaN);
    assertThat(parse("double", null, "infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("double", null, "-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(parse("double", null, "+inf")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void double_rejects_overflow_underflow_and_java_only_spellings() {
    rejects("double", null, "1e400", "out of range for double precision");
    rejects("double", null, "1e-400", "out of range for double precision");
    assertThat(parse("double", null, "0e-400")).isEqualTo(0.0);
    rejects("double", null, "1d", "not a number");
    rejects("double", null, "0x1p3", "not a number");
    rejects("double", null, "-nan", "not a number");
  }

  @Test
  void number_formats_that_cannot_work_are_refused_when_the_parser_is_made() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.NUMERIC, ";"))
        .withMessageContaining("must be the decimal separator");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.NUMERIC, ",,"))
        .withMessageContaining("unusable thousands separator");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.INTEGER, ".,x"));
  }
}
