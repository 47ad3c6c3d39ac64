package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** French and Scandinavian exports group thousands with (no-break) spaces. */
class SpaceGroupedNumbersTest {

  @Test
  void space_grouped_numbers_with_a_decimal_comma_get_format_comma_space() {
    Typed t =
        NumberShapes.guess(
            "amount", List.of("1 234,56", "-12,00", "12\u00a0000", "7\u202f500,5"), ';');

    assertThat(t.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(t.format()).isEqualTo(", ");
  }

  @Test
  void space_grouped_numbers_with_a_decimal_point_get_format_point_space() {
    Typed t = NumberShapes.guess("amount", List.of("1 234.56", "12 000"), ',');

    assertThat(t.format()).isEqualTo(". ");
  }

  @Test
  void the_parser_reads_every_kind_of_space_as_the_thousands_separator() {
    ValueParser p = ValueParser.forColumn(ColumnType.NUMERIC, ", ");

    assertThat(p.parse("1 234,56")).isEqualTo(new BigDecimal("1234.56"));
    assertThat(p.parse("1\u00a0234\u00a0567,5")).isEqualTo(new BigDecimal("1234567.5"));
    assertThat(p.parse("12\u202f000")).isEqualTo(new BigDecimal("12000"));
  }

  @Test
  void exponents_beyond_double_range_make_the_column_numeric() {
    assertThat(NumberShapes.guess("x", List.of("1e400", "2.5e3"), ',').type())
        .isEqualTo(ColumnType.NUMERIC);
    assertThat(NumberShapes.guess("x", List.of("1e-400", "2.5e3"), ',').type())
        .isEqualTo(ColumnType.NUMERIC);
    assertThat(NumberShapes.guess("x", List.of("1.5e3", "2e-3"), ',').type())
        .isEqualTo(ColumnType.DOUBLE);
  }
}
