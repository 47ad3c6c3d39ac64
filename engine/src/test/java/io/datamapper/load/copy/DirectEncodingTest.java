package io.datamapper.load.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link ValueParser#parseTo} into {@link BinaryCopyEncoder#fields()}) must accept,
 * refuse and store exactly what the general path ({@link ValueParser#parse}, then {@link
 * BinaryCopyEncoder#write}) does: same bytes, same refusal messages, on the edge cases of every
 * type and on random variations of typical values.
 */
class DirectEncodingTest {

  /** Both paths' outcome for one value: the field's bytes, or the refusal. */
  static String general(ColumnType type, String format, String raw) {
    ValueParser parser = ValueParser.forColumn(type, format);
    Object value;
    try {
      value = parser.parse(raw);
    } catch (CoercionException e) {
      return "refused: " + e.getMessage();
    }
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(type));
    enc.startRow();
    try {
      enc.write(value);
    } catch (IllegalArgumentException e) {
      return "unstorable: " + e.getMessage();
    }
    enc.endRow();
    return HexFormat.of().formatHex(enc.toByteArray());
  }

  static String direct(ColumnType type, String format, String raw) {
    ValueParser parser = ValueParser.forColumn(type, format);
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(type));
    enc.startRow();
    try {
      parser.parseTo(raw, enc.fields());
    } catch (CoercionException e) {
      assertThat(enc.size()).as("nothing written for a refused value").isEqualTo(2);
      return "refused: " + e.getMessage();
    } catch (IllegalArgumentException e) {
      return "unstorable: " + e.getMessage();
    }
    enc.endRow();
    return HexFormat.of().formatHex(enc.toByteArray());
  }

  static void formatted(String type, String format, String... raws) {
    ColumnType t = ColumnType.parse(type);
    for (String raw : raws) {
      assertThat(direct(t, format, raw))
          .as("%s (format %s) of '%s'", type, format, raw)
          .isEqualTo(general(t, format, raw));
    }
  }

  static void same(String type, String... raws) {
    formatted(type, null, raws);
  }

  @Test
  void dates_match_on_leap_days_year_edges_and_malformed_spellings() {
    same(
        "date",
        "2024-02-29",
        "2023-02-29",
        "2000-02-29",
        "1900-02-29",
        "2100-02-28",
        "2024-04-30",
        "2024-04-31",
        "2024-01-31",
        "2024-01-32",
        "2024-12-31",
        "2024-13-01",
        "2024-00-10",
        "2024-01-00",
        "0000-01-01",
        "0001-01-01",
        "1970-01-01",
        "1999-12-31",
        "2000-01-01",
        "9999-12-31",
        "10000-01-01",
        "5874897-12-31",
        "5874898-01-01",
        " 2024-01-01",
        "2024-01-01 ",
        "2024-1-1",
        "2024-01-1",
        "2024/01/01",
        "20240101",
        "2024-0a-01",
        "2024-01-01T00:00",
        "\uff12\uff10\uff12\uff14-01-01",
        "2024-01-0\uD83D\uDE00",
        "2024-01-\uD83D\uDE00",
        "2024-01-\u00e91",
        "\u00b2024-01-01",
        "infinity",
        "-infinity",
        "",
        "-2024-01-01");
    formatted("date", "dd/MM/yyyy", "29/02/2024", "29/02/2023", "2024-02-29");
    formatted("date", "epoch-seconds", "0", "86399", "-86400", "1e3");
  }

  @Test
  void timestamps_match_on_fractions_24_00_leap_seconds_and_range_edges() {
    String[] cases = {
      "2024-04-04 06:53:48",
      "2024-04-04T06:53:48",
      "2024-04-04t06:53:48",
      "2024-04-04  06:53:48",
      "2024-04-04 06:53",
      "2024-04-04",
      "2024-04-04 6:53:48",
      "2024-04-04 06:5:48",
      "2024-04-04 06:53:4x",
      "2024-04-04 06:53:48.",
      "2024-04-04 06:53:48.5",
      "2024-04-04 06:53:48.12",
      "2024-04-04 06:53:48.123",
      "2024-04-04 06:53:48.1234",
      "2024-04-04 06:53:48.12345",
      "2024-04-04 06:53:48.123456",
      "2024-04-04 06:53:48.1234565",
      "2024-04-04 06:53:48.12345678",
      "2024-04-04 06:53:48.999999999",
      "2024-12-31 23:59:59.9999995",
      "2024-12-31 23:59:59.999999",
      "2024-02-28 24:00:00",
      "2024-02-28 24:00",
      "2024-02-28 24:00:01",
      "2024-06-30 23:59:60",
      "2024-06-30 23:60:00",
      "2024-06-30 23:59:61",
      "2024-06-30 25:00:00",
      "2024-02-29 12:00:00",
      "2023-02-29 12:00:00",
      "0000-01-01 00:00:00",
      "0001-01-01 00:00:00",
      "1969-12-31 23:59:59.999999",
      "1999-12-31 23:59:59.999999",
      "294276-12-31 23:59:59.999999",
      "294277-01-01 00:00:00",
      "2024-04-04 06:53:48Z",
      "2024-04-04 06:53:48z",
      "2024-04-04 06:53:48.123Z",
      "2024-04-04 06:53Z",
      "2024-04-04 06:53:48 Z",
      "2024-04-04 06:53:48+02",
      "2024-04-04 06:53:48+05:30",
      "2024-04-04 06:53:48-0800",
      "2024-04-04 06:53:48+15:59",
      "2024-04-04 06:53:48+16:00",
      "2024-04-04 06:53:48ZZ",
      "2024-04-04 06:53:4\uD83D\uDE00",
      "2024-04-04 06:53:48.12\uD83D\uDE00",
      "2024-04-04\u00a006:53:48",
      "2024-04-04 06:53:48\u00bd",
      " 2024-04-04 06:53:48",
      "2024-04-04 06:53:48 ",
      "infinity",
      ""
    };
    same("timestamp", cases);
    same("timestamptz", cases);
    formatted("timestamp", "dd/MM/yyyy HH:mm:ss.SSSSSSSSS", "04/04/2024 06:53:48.123456789");
    formatted("timestamptz", "yyyy-MM-dd HH:mm XXX", "2024-04-04 06:53 +02:00");
  }

  @Test
  void times_match_including_24_00_and_rounding() {
    same(
        "time",
        "00:00",
        "12:34:56.789",
        "23:59:59.999999",
        "23:59:59.9999995",
        "24:00:00",
        "24:00:01",
        "23:59:60",
        "25:00",
        "12:00+02",
        "noon");
  }

  @Test
  void numerics_match_on_rounding_signs_zeros_exponents_and_huge_values() {
    String[] cases = {
      "0",
      "-0",
      "0.000",
      "-0.00",
      "1.50",
      "15644.88",
      "15644.885",
      "15644.884",
      "-15644.885",
      "-15644.884",
      "0.005",
      "-0.005",
      "-0.004",
      "0.1",
      "123",
      "00012.3400",
      ".5",
      "5.",
      "-.5",
      "-",
      ".",
      "",
      "--5",
      "5-",
      "1.2.3",
      "9999999999.99",
      "9999999999.995",
      "-9999999999.995",
      "99999999999",
      "123456789012345678",
      "1234567890123456789",
      "999999999999999.999",
      "99999999999999.9999",
      "999999999999999",
      "1000000000000000",
      "-999999999999999999",
      "0.000000000000000001",
      "1e3",
      "1E-3",
      "+5",
      " 5",
      "5 ",
      "NaN",
      "nan",
      "Infinity",
      "-inf",
      "1" + "0".repeat(100),
      "1e131072",
      "1e-16384"
    };
    same("numeric", cases);
    same("numeric(12,2)", cases);
    same("numeric(5,0)", cases);
    same("numeric(3,3)", "0.9995", "0.9994", "-0.9995", "0.5", "1");
    same("numeric(20,10)", "123.4", "12345678.9", "-0.00000000005");
    same("numeric(18,18)", "0.1", "0.123456789012345678");
    formatted("numeric(12,2)", ",", "1,5", "1.234,56", "1234,565", "-0,005", "1.5");
    formatted("numeric(12,2)", ",.", "1.234,56", "1234,56", "12.34,5");
  }

  @Test
  void integers_match_at_their_limits() {
    same(
        "integer",
        "0",
        "-0",
        "-2147483648",
        "2147483647",
        "2147483648",
        "-2147483649",
        "+1",
        " 7 ",
        "1.0",
        "",
        "x");
    same("bigint", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "42");
    formatted("integer", ".,", "1,000", "1,00", "1000");
  }

  @Test
  void booleans_match_in_every_spelling_and_case() {
    String[] words = {"true", "t", "yes", "y", "on", "1", "false", "f", "no", "n", "off", "0"};
    for (String w : words) {
      same("boolean", w, w.toUpperCase(), " " + w + " ", "\t" + w, w + "x");
      if (w.length() > 1) same("boolean", Character.toUpperCase(w.charAt(0)) + w.substring(1));
    }
    same(
        "boolean",
        "tRuE",
        "FaLsE",
        "yE",
        "of",
        "tru",
        "2",
        "",
        "yeſ",
        "falſe",
        "\u0130",
        "ON\u00a0",
        "nO",
        "oN",
        "x",
        "O",
        "\u0131");
    formatted("boolean", "ja,j|nein,n", "JA", "Nein", "j", "true", " n ");
  }

  @Test
  void uuids_match_in_odd_spellings() {
    same(
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
        " {a0eebc999c0b4ef8bb6d6bb9bd380a11} ",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "00000000-0000-0000-0000-000000000000",
        "a0eebc99-9c0b4-ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\u0661",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a\uD83D\uDE00",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a\u00e9\u00e9",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a\u00ff1",
        "1-2-3-4-5",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "");
  }

  @Test
  void text_matches_for_non_ascii_surrogates_and_nul() {
    same(
        "text",
        "plain",
        "",
        "João García",
        "bücher.example",
        "日本語",
        "😀 emoji",
        "\uD800",
        "a\uDC00b",
        "\uDC00\uD800",
        "a\u0000b",
        "x".repeat(70_000) + "é");
    same("jsonb", "{\"a\": 1}", "[1, 2", "\"\\ud800\"");
    same("double precision", "1.5", "NaN", "-Infinity", "1e309", "1e-400", "-0", "0.0", "1,5");
    same("integer[]", "{1,2,NULL}", "{1,x}");
  }

  @Test
  void random_variations_of_typical_values_match() {
    Random random = new Random(20240229);
    String[] seeds = {
      "2024-02-29 23:59:59.123456", "0001-01-01 00:00", "-1234567.8915", "{a0eebc99-9c0b-4ef8}"
    };
    String alphabet = "0123456789-:. TtZz+e,";
    String[] types = {"date", "timestamp", "timestamptz", "numeric(12,2)", "numeric", "uuid"};
    for (int n = 0; n < 10_000; n++) {
      StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int k = random.nextInt(4); k >= 0; k--) {
        int at = random.nextInt(s.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> s.insert(at, c);
          case 1 -> {
            if (at < s.length()) s.setCharAt(at, c);
          }
          default -> {
            if (at < s.length()) s.deleteCharAt(at);
          }
        }
      }
      String type = types[random.nextInt(types.length)];
      same(type, s.toString());
      same(type, s.substring(0, Math.min(10, s.length())));
    }
  }

  @Test
  void a_primitive_for_a_column_of_another_type_is_refused_like_a_value_of_the_wrong_class() {
    BinaryCopyEncoder enc = new BinaryCopyEncoder(List.of(ColumnType.TEXT, ColumnType.INTEGER));
    enc.startRow();
    assertThatThrownBy(() -> enc.fields().date(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a text column cannot take a date value");
    enc.fields().text("ok");
    assertThatThrownBy(() -> enc.fields().int8(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a int4 column cannot take a bigint value");
    enc.fields().int4(1);
    assertThatThrownBy(() -> enc.fields().int4(2)).isInstanceOf(IllegalStateException.class);
    enc.endRow();
  }
}
