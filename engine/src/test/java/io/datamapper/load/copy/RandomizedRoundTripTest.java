package io.datamapper.load.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import io.datamapper.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs: for each one, our parser must accept exactly when PostgreSQL's own input
 * function does ({@code pg_input_is_valid}), and the value copied in binary must read back as the
 * text PostgreSQL makes of the literal.
 */
class RandomizedRoundTripTest {
  private static final int COUNT = 3_000;
  private static String schema;
  private static int tables;

  @BeforeAll
  static void schema() {
    schema = TestDatabase.freshSchema("copy_random");
  }

  @Test
  void random_unconstrained_numerics_match_postgresql() {
    assertMatchesPostgresql("numeric", false, seed -> randomNumber(seed, true));
  }

  @Test
  void random_numerics_round_and_overflow_in_numeric_12_2_like_postgresql() {
    assertMatchesPostgresql("numeric(12,2)", true, seed -> randomNumber(seed, false));
  }

  @Test
  void random_doubles_match_postgresql() {
    assertMatchesPostgresql("double precision", true, seed -> randomNumber(seed, true));
  }

  @Test
  void random_timestamps_match_postgresql() {
    assertMatchesPostgresql("timestamp", true, seed -> randomTimestamp(seed, false));
  }

  @Test
  void random_timestamptz_values_with_offsets_match_postgresql() {
    assertMatchesPostgresql("timestamptz", true, seed -> randomTimestamp(seed, true));
  }

  @Test
  void random_dates_match_postgresql() {
    assertMatchesPostgresql("date", true, seed -> randomTimestamp(seed, false).split("[ T]")[0]);
  }

  private static String randomNumber(Random r, boolean wide) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(3) == 0) sb.append('-');
    int intDigits = r.nextInt(wide ? 40 : 13);
    int fracDigits = r.nextInt(wide ? 30 : 6);
    if (intDigits == 0 && fracDigits == 0) intDigits = 1;
    for (int i = 0; i < intDigits; i++)
      sb.append(r.nextInt(10) == 0 ? '9' : (char) ('0' + r.nextInt(10)));
    if (fracDigits > 0 || r.nextInt(10) == 0) sb.append('.');
    for (int i = 0; i < fracDigits; i++)
      sb.append((char) ('0' + (r.nextInt(4) == 0 ? 9 : r.nextInt(10))));
    if (r.nextInt(6) == 0)
      sb.append(r.nextBoolean() ? 'e' : 'E')
          .append(r.nextBoolean() ? "-" : "")
          .append(r.nextInt(wide ? 400 : 12));
    return sb.toString();
  }

  private static String randomTimestamp(Random r, boolean zone) {
    int year =
        switch (r.nextInt(10)) {
          case 0 -> 1 + r.nextInt(294_300);
          case 1 -> 1 + r.nextInt(100);
          case 2 -> 294_270 + r.nextInt(10);
          default -> 1900 + r.nextInt(200);
        };
    int month = 1 + r.nextInt(12);
    int day = r.nextInt(20) == 0 ? 29 + r.nextInt(3) : 1 + r.nextInt(28);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%04d-%02d-%02d", year, month, day));
    if (r.nextInt(8) == 0) return sb.toString();
    sb.append(r.nextBoolean() ? 'T' : ' ');
    int hour = r.nextInt(30) == 0 ? 24 : r.nextInt(24);
    int minute = r.nextInt(30) == 0 ? 0 : r.nextInt(60);
    sb.append(String.format("%02d:%02d", hour, minute));
    if (r.nextInt(5) > 0) {
      int second = r.nextInt(30) == 0 ? 60 : r.nextInt(60);
      sb.append(String.format(":%02d", second));
      int fraction = r.nextInt(10);
      if (fraction > 0) {
        sb.append('.');
        for (int i = 0; i < fraction; i++)
          sb.append((char) ('0' + (r.nextInt(3) == 0 ? 9 : r.nextInt(10))));
      }
    }
    if (zone && r.nextInt(4) > 0) {
      if (r.nextInt(5) == 0) {
        sb.append('Z');
      } else {
        sb.append(r.nextBoolean() ? '+' : '-').append(String.format("%02d", r.nextInt(15)));
        if (r.nextBoolean())
          sb.append(r.nextBoolean() ? ":" : "").append(r.nextBoolean() ? "30" : "00");
      }
    }
    return sb.toString();
  }

  private static void assertMatchesPostgresql(
      String type, boolean someInvalid, Function<Random, String> generator) {
    Random random = new Random(20_240_229L + type.hashCode());
    ValueParser parser = ValueParser.forColumn(ColumnType.parse(type), null);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String source = generator.apply(random);
      Object value;
      try {
        value = parser.parse(source);
      } catch (CoercionException e) {
        value = null;
      }
      rows.add(new Object[] {i, source, value});
    }
    String table = schema + ".random_" + (++tables);
    TestDatabase.execute("CREATE TABLE " + table + " (id int, src text, v " + type + ")");
    PgCopy.copyIn(
        table,
        PgCopy.encode(List.of(ColumnType.INTEGER, ColumnType.TEXT, ColumnType.parse(type)), rows));

    List<Map<String, Object>> result =
        TestDatabase.query(
            "SELECT id, src, v IS NOT NULL AS accepted,"
                + " pg_input_is_valid(src, '"
                + type
                + "') AS valid, v::text AS copied,"
                + " CASE WHEN pg_input_is_valid(src, '"
                + type
                + "') THEN src::"
                + type
                + "::text END AS literal"
                + " FROM "
                + table
                + " ORDER BY id");
    assertThat(result).hasSize(COUNT);
    int accepted = 0;
    for (Map<String, Object> row : result) {
      assertThat(row.get("accepted"))
          .as("accepted %s as %s", row.get("src"), type)
          .isEqualTo(row.get("valid"));
      assertThat(row.get("copied"))
          .as("%s as %s", row.get("src"), type)
          .isEqualTo(row.get("literal"));
      if (Boolean.TRUE.equals(row.get("accepted"))) accepted++;
    }
    // the generators aim at the edges: most values valid, some not (where the type can refuse)
    assertThat(accepted)
        .as("accepted values")
        .isBetween(COUNT / 2, someInvalid ? COUNT - 10 : COUNT);
  }
}
