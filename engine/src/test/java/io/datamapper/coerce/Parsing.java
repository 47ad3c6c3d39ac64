package io.datamapper.coerce;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.ColumnType;

/** Test helper: parses one value as a column would and checks refusals. */
final class Parsing {
  private Parsing() {}

  static Object parse(ColumnType type, String format, String raw) {
    return ValueParser.forColumn(type, format).parse(raw);
  }

  /** Asserts that {@code raw} is refused with a message containing {@code reason}. */
  static void rejects(ColumnType type, String format, String raw, String reason) {
    assertThatThrownBy(() -> parse(type, format, raw))
        .isInstanceOf(CoercionException.class)
        .hasMessageContaining(reason);
  }
}
