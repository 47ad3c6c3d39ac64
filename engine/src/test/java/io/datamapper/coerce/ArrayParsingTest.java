package io.datamapper.coerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayParsingTest {

  private static Object parse(String type, String format, String raw) {
    return ValueParser.forColumn(ColumnType.parse(type), format).parse(raw);
  }

  private static void rejects(String type, String raw, String reason) {
    assertThatThrownBy(() -> parse(type, null, raw))
        .isInstanceOf(CoercionException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void reads_json_arrays_with_nulls_through_the_element_parser() {
    assertThat(parse("text[]", null, "[\"a\", null, \"b c\"]"))
        .isEqualTo(Arrays.asList("a", null, "b c"));
    assertThat(parse("integer[]", null, " [1, -2, \"3\"] ")).isEqualTo(List.of(1, -2, 3));
    assertThat(parse("numeric(5,1)[]", null, "[1.25, 2]"))
        .isEqualTo(List.of(new BigDecimal("1.3"), new BigDecimal("2.0")));
    assertThat(parse("boolean[]", "ja|nein", "[true, \"nein\"]")).isEqualTo(List.of(true, false));
    assertThat(parse("text[]", null, "[true, 1.50]")).isEqualTo(List.of("true", "1.50"));
    assertThat(parse("date[]", null, "[]")).isEqualTo(List.of());
  }

  @Test
  void reads_postgresql_array_literals_with_quotes_escapes_and_nulls() {
    assertThat(parse("text[]", null, "{a,NULL,\"NULL\",  b c  ,\"x\\\"y\",a\\,b,\"\"}"))
        .isEqualTo(Arrays.asList("a", null, "NULL", "b c", "x\"y", "a,b", ""));
    assertThat(parse("integer[]", null, "{ 1 , 2 }")).isEqualTo(List.of(1, 2));
    assertThat(parse("date[]", null, "{2024-01-01,null}"))
        .isEqualTo(Arrays.asList(LocalDate.of(2024, 1, 1), null));
    assertThat(parse("text[]", null, "{}")).isEqualTo(List.of());
    assertThat(parse("text[]", null, "{ }")).isEqualTo(List.of());
    assertThat(parse("text[]", null, "{\"{x}\"}")).isEqualTo(List.of("{x}"));
  }

  @Test
  void element_formats_apply_to_every_element() {
    assertThat(parse("numeric[]", ",", "[\"1,5\", \"2,25\"]"))
        .isEqualTo(List.of(new BigDecimal("1.5"), new BigDecimal("2.25")));
    assertThat(parse("date[]", "dd/MM/yyyy", "{01/02/2024}"))
        .isEqualTo(List.of(LocalDate.of(2024, 2, 1)));
  }

  @Test
  void names_the_element_that_fails() {
    rejects("integer[]", "[1, 2, \"x\"]", "element 3: not a whole number");
    rejects("integer[]", "{1,2.5}", "element 2: not a whole number");
    rejects("text[]", "[\"a\\u0000\"]", "element 1: contains a NUL character");
  }

  @Test
  void rejects_nested_and_malformed_arrays() {
    rejects("integer[]", "[[1], [2]]", "has a nested array or object");
    rejects("integer[]", "[{\"a\": 1}]", "has a nested array or object");
    rejects("integer[]", "{{1,2},{3,4}}", "is a multi-dimensional array");
    rejects("integer[]", "{1,2", "the array is not closed with }");
    rejects("integer[]", "{1,,2}", "an element is empty");
    rejects("text[]", "{\"abc}", "a quoted element is not closed");
    rejects("text[]", "{a}x", "there is text after the closing }");
    rejects("text[]", "{a\"b}", "unexpected \" in an unquoted element");
    rejects("integer[]", "[1, 2", "is not valid JSON");
    rejects("integer[]", "[1] [2]", "more than one value");
    rejects("integer[]", "1,2", "not an array");
    rejects("integer[]", "[1:2]={1,2}", "is not valid JSON");
  }
}
