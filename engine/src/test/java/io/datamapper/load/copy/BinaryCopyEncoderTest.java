package io.datamapper.load.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCopyEncoderTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The bytes of one field (length word included) of a one-column row. */
  private static String field(ColumnType type, Object value) {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(type));
    enc.writeRow(new Object[] {value});
    byte[] row = enc.toByteArray();
    return hex(Arrays.copyOfRange(row, 2, row.length));
  }

  /** The numeric payload after the length word: ndigits, weight, sign, dscale, digits. */
  private static String numeric(String value) {
    return field(ColumnType.NUMERIC, new BigDecimal(value)).substring(8);
  }

  @Test
  void header_is_the_pgcopy_signature_then_zero_flags_and_extension_and_the_trailer_is_minus_one() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.INTEGER));
    enc.header();
    enc.trailer();
    assertThat(hex(enc.toByteArray()))
        .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
  }

  @Test
  void a_row_is_the_field_count_then_length_prefixed_fields_with_minus_one_for_null() {
    BinaryCopyEncoder enc =
        new BinaryCopyEncoder(List.of(ColumnType.INTEGER, ColumnType.TEXT, ColumnType.BOOLEAN));
    enc.startRow();
    enc.write(258);
    enc.writeNull();
    enc.write(true);
    enc.endRow();
    assertThat(hex(enc.toByteArray()))
        .isEqualTo("0003" + "00000004" + "00000102" + "ffffffff" + "00000001" + "01");
    assertThat(enc.rows()).isEqualTo(1);
  }

  @Test
  void fixed_width_types_use_postgresql_epochs_and_units() {
    assertThat(field(ColumnType.BIGINT, -2L)).isEqualTo("00000008fffffffffffffffe");
    assertThat(field(ColumnType.DOUBLE, 1.5)).isEqualTo("000000083ff8000000000000");
    assertThat(field(ColumnType.DATE, LocalDate.of(2000, 1, 2))).isEqualTo("0000000400000001");
    assertThat(field(ColumnType.DATE, LocalDate.of(1999, 12, 31))).isEqualTo("00000004ffffffff");
    assertThat(field(ColumnType.TIME, LocalTime.of(0, 0, 1))).isEqualTo("0000000800000000000f4240");
    assertThat(field(ColumnType.TIME, LocalTime.MAX)).isEqualTo("00000008000000141dd76000");
    assertThat(field(ColumnType.TIMESTAMP, java.time.LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1000)))
        .isEqualTo("000000080000000000000001");
    assertThat(
            field(ColumnType.TIMESTAMPTZ, java.time.Instant.parse("1999-12-31T23:59:59.999999Z")))
        .isEqualTo("00000008ffffffffffffffff");
    assertThat(field(ColumnType.UUID, new java.util.UUID(1, 2)))
        .isEqualTo("00000010" + "0000000000000001" + "0000000000000002");
  }

  @Test
  void text_is_utf8_and_jsonb_has_a_version_byte() {
    assertThat(field(ColumnType.TEXT, "aé😀")).isEqualTo("00000007" + "61" + "c3a9" + "f09f9880");
    assertThat(field(ColumnType.JSONB, "[1]")).isEqualTo("00000004" + "01" + "5b315d");
    assertThat(field(ColumnType.TEXT, "")).isEqualTo("00000000");
  }

  @Test
  void utf8_encoding_matches_the_jdk_for_random_strings() {
    Random random = new Random(42);
    int[] pool = {
      'a', 'Z', '~', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF
    };
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(40);
      for (int k = 0; k < n; k++) sb.appendCodePoint(pool[random.nextInt(pool.length)]);
      String s = sb.toString();
      byte[] expected = s.getBytes(StandardCharsets.UTF_8);
      byte[] actual = new byte[(int) Utf8.maxBytes(s)];
      int end = Utf8.encode(s, actual, 0);
      assertThat(Arrays.copyOf(actual, end)).as(s).isEqualTo(expected);
    }
  }

  @Test
  void numeric_groups_base_10000_digits_around_the_decimal_point() {
    // ndigits, weight, sign, dscale, digits
    assertThat(numeric("0")).isEqualTo("0000" + "0000" + "0000" + "0000");
    assertThat(numeric("0.00")).isEqualTo("0000" + "0000" + "0000" + "0002");
    assertThat(numeric("-0.5")).isEqualTo("0001" + "ffff" + "4000" + "0001" + "1388");
    assertThat(numeric("0.0001")).isEqualTo("0001" + "ffff" + "0000" + "0004" + "0001");
    assertThat(numeric("1E-20")).isEqualTo("0001" + "fffb" + "0000" + "0014" + "0001");
    assertThat(numeric("10000")).isEqualTo("0001" + "0001" + "0000" + "0000" + "0001");
    assertThat(numeric("1.500")).isEqualTo("0002" + "0000" + "0000" + "0003" + "0001" + "1388");
    assertThat(numeric("123456.789"))
        .isEqualTo("0003" + "0001" + "0000" + "0003" + "000c" + "0d80" + "1ed2");
  }

  @Test
  void numeric_beyond_long_range_uses_the_same_layout() {
    // 30 integer digits: groups 12|3456|...|7890, then .1234|5678|9000 with the zero padding
    String big = numeric("123456789012345678901234567890.123456789");
    assertThat(big.substring(0, 16)).isEqualTo("000b" + "0007" + "0000" + "0009");
    assertThat(big.substring(16, 20)).isEqualTo("000c"); // 12
    assertThat(big.substring(big.length() - 4)).isEqualTo("2328"); // 9000
    assertThat(numeric("-10000000000000000000000"))
        .isEqualTo("0001" + "0005" + "4000" + "0000" + "0064");
  }

  @Test
  void arrays_carry_dimensions_null_flag_element_oid_and_lower_bound_one() {
    ColumnType type = ColumnType.parse("integer[]");
    assertThat(field(type, Arrays.asList(7, null)))
        .isEqualTo(
            "00000020"
                + "00000001"
                + "00000001"
                + "00000017"
                + "00000002"
                + "00000001"
                + "00000004"
                + "00000007"
                + "ffffffff");
    assertThat(field(type, List.of())).isEqualTo("0000000c" + "00000000" + "00000000" + "00000017");
  }

  @Test
  void values_of_the_wrong_class_are_refused_and_write_row_drops_the_half_written_row() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.INTEGER, ColumnType.DATE));
    enc.writeRow(new Object[] {1, LocalDate.of(2024, 1, 1)});
    int size = enc.size();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> enc.writeRow(new Object[] {2, "2024-01-01"}))
        .withMessage("a date column cannot take a java.lang.String value");
    assertThat(enc.size()).isEqualTo(size);
    assertThat(enc.rows()).isEqualTo(1);
    enc.writeRow(new Object[] {3, null});
  }

  @Test
  void values_postgresql_would_refuse_mid_copy_are_refused_here() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> field(ColumnType.DATE, LocalDate.MAX))
        .withMessageContaining("out of range");
    assertThatIllegalArgumentException().isThrownBy(() -> field(ColumnType.TEXT, "a\u0000"));
    assertThatIllegalArgumentException().isThrownBy(() -> field(ColumnType.TEXT, "\uD800x"));
    assertThatIllegalArgumentException().isThrownBy(() -> field(ColumnType.INTEGER, 1L << 40));
  }

  @Test
  void abort_row_restores_the_buffer_to_the_row_start() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.TEXT, ColumnType.TEXT));
    enc.header();
    int size = enc.size();
    enc.startRow();
    enc.write("half");
    enc.abortRow();
    assertThat(enc.size()).isEqualTo(size);
    enc.abortRow(); // outside a row it does nothing
    assertThat(enc.size()).isEqualTo(size);
  }

  @Test
  void row_shape_mistakes_are_illegal_states() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.TEXT));
    assertThatIllegalStateException()
        .isThrownBy(() -> enc.write("x"))
        .withMessageContaining("startRow()");
    enc.startRow();
    assertThatIllegalStateException()
        .isThrownBy(enc::endRow)
        .withMessage("row has 0 values but the COPY has 1 columns");
    enc.write("x");
    assertThatIllegalStateException()
        .isThrownBy(() -> enc.write("y"))
        .withMessageContaining("more values");
    assertThatIllegalStateException()
        .isThrownBy(enc::takeChunk)
        .withMessageContaining("inside a row");
    enc.endRow();
  }

  @Test
  void take_chunk_hands_over_the_buffer_and_continues_in_a_recycled_one() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.BIGINT), 1024);
    while (!enc.chunkReady()) enc.writeRow(new Object[] {1L});
    CopyChunk first = enc.takeChunk();
    assertThat(first.length()).isBetween(1024, 1024 + 14);
    assertThat(enc.size()).isZero();
    assertThat(enc.buffer()).isNotSameAs(first.bytes());
    enc.writeRow(new Object[] {2L});
    enc.recycle(first);
    CopyChunk second = enc.takeChunk();
    assertThat(ByteBuffer.wrap(second.bytes(), 6, 8).getLong()).isEqualTo(2L);
    assertThat(enc.buffer()).isSameAs(first.bytes());
  }

  @Test
  void the_buffer_grows_for_values_larger_than_a_chunk() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.TEXT), 64);
    String big = "x".repeat(100_000) + "é";
    enc.writeRow(new Object[] {big});
    assertThat(enc.size()).isEqualTo(2 + 4 + 100_002);
  }

  @Test
  void the_copy_buffer_never_grows_past_its_bound() {
    BinaryCopyEncoder encoder = new BinaryCopyEncoder(List.of(ColumnType.TEXT), 64 * 1024, 1 << 20);
    encoder.header();

    assertThatThrownBy(() -> encoder.writeRow(new Object[] {"x".repeat(2 << 20)}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 1 MB in the COPY stream");
    encoder.writeRow(new Object[] {"fits"});
    assertThat(encoder.rows()).isEqualTo(1);
    assertThat(encoder.buffer().length).isLessThanOrEqualTo(1 << 20);
  }

  @Test
  void unpaired_surrogates_in_text_are_caught_by_the_encoder_not_a_second_scan() {
    BinaryCopyEncoder encoder = new BinaryCopyEncoder(List.of(ColumnType.BIGINT, ColumnType.TEXT));
    encoder.header();
    int before = encoder.size();

    assertThatThrownBy(() -> encoder.writeRow(new Object[] {1L, "broken \uD83D here"}))
        .hasMessageContaining("unpaired UTF-16 surrogate");
    assertThat(encoder.failedField()).isEqualTo(1);
    assertThat(encoder.size()).isEqualTo(before);
  }
}
