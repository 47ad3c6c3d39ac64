package io.datamapper.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The fast path gives what CEL's own runtime gives — the same value, or an error on the same rows —
 * for every shape it takes, over rows with nulls, extremes, NaN and characters past U+FFFF; and it
 * leaves to CEL what it does not take.
 */
class FastPathTest {
  private static final List<String> NAMES = List.of("s", "t", "i", "j", "n", "d", "e", "b", "q");
  private static final List<Expressions.Variable> VARS =
      List.of(
          new Expressions.Variable("s", ColumnType.TEXT),
          new Expressions.Variable("t", ColumnType.TEXT),
          new Expressions.Variable("i", ColumnType.BIGINT),
          new Expressions.Variable("j", ColumnType.BIGINT),
          new Expressions.Variable("n", ColumnType.INTEGER),
          new Expressions.Variable("d", ColumnType.DOUBLE),
          new Expressions.Variable("e", ColumnType.DOUBLE),
          new Expressions.Variable("b", new ColumnType.Bool()),
          new Expressions.Variable("q", ColumnType.NUMERIC));
  private static final List<String> FIELDS = List.of("Raw Name", "Other");

  private static final List<Object[]> ROWS =
      List.of(
          row("ada", "lovelace", 3L, 4L, 5, 1.5, 2.0, true, new BigDecimal("12.50")),
          row("", "", 0L, 0L, 0, 0.0, -0.0, false, BigDecimal.ZERO),
          row(null, "x", null, 1L, null, null, 1.0, null, null),
          row("a", null, Long.MAX_VALUE, 1L, 7, Double.NaN, Double.NaN, true, null),
          row("\uFF00", "\uD83D\uDE00", Long.MIN_VALUE, -1L, -3, 1e308, 1e308, false, null),
          row("test", "live", -7L, 2L, Integer.MAX_VALUE, -2.5, 0.0, true, new BigDecimal("-1")),
          row("live", "test", 9L, 0L, 1, Double.POSITIVE_INFINITY, 3.0, false, null));

  private static Object[] row(Object... values) {
    return values;
  }

  private static final List<String> FAST =
      List.of(
          "s + ' ' + t",
          "s + t == 'adalovelace'",
          "i * 2",
          "i + j",
          "i - j",
          "i / j",
          "i % j",
          "-i",
          "n * 2 + i",
          "d * 2.0",
          "d / e",
          "d - e + 1.5",
          "-d",
          "q * 2.0",
          "s != 'test'",
          "s == null",
          "null == s",
          "i == j",
          "i != 3",
          "d == e",
          "b == true",
          "b",
          "!b",
          "s < t",
          "s >= t",
          "i <= j",
          "i > 0",
          "d < e",
          "d >= 1.5",
          "b && s != 'test'",
          "b || i > 3",
          "i / j > 0 || b",
          "b && i / j > 0",
          "i / j > 0 && false",
          "s == null ? 'none' : s",
          "b ? i : j",
          "src['Raw Name']",
          "src['Raw Name'] + '!'",
          "src['Missing'] == 'x'",
          "'lit'",
          "42",
          "null");

  private static final List<String> LEFT_TO_CEL =
      List.of(
          "s.size()",
          "size(s)",
          "double(i) == 1.0",
          "int(d) < i",
          "string(i)",
          "s.startsWith('a')",
          "[1, 2].exists(x, x == i)",
          "b < true",
          "src[s]",
          "dyn(i) + 1");

  @Test
  void every_supported_shape_gives_what_cel_gives_on_every_row() {
    List<String> compared = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (String text : FAST) {
      Compiled fast = Expressions.compile("column 'x'", text, VARS, result(text), true);
      Compiled cel = Expressions.compile("column 'x'", text, VARS, result(text), false);
      assertThat(fast.fast()).as("fast path taken for " + text).isNotNull();
      assertThat(cel.fast()).isNull();
      for (Object[] row : ROWS) {
        String[] raw = {row[0] == null ? null : "raw " + row[0], "other"};
        Object a = outcome(fast, row, raw);
        Object b = outcome(cel, row, raw);
        if (!same(a, b))
          mismatches.add(
              "%s on %s:%n  fast %s%n  CEL  %s".formatted(text, Arrays.toString(row), a, b));
        compared.add(text);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(compared).hasSize(FAST.size() * ROWS.size());
  }

  @Test
  void what_the_fast_path_does_not_take_is_left_to_cel() {
    for (String text : LEFT_TO_CEL) {
      Compiled c = Expressions.compile("column 'x'", text, VARS, result(text), true);
      assertThat(c.fast()).as(text).isNull();
    }
  }

  /** The column type an expression's result is checked against (null: a bool filter). */
  private static ColumnType result(String text) {
    Compiled probe;
    for (ColumnType t :
        Arrays.asList(
            ColumnType.TEXT, ColumnType.BIGINT, ColumnType.DOUBLE, new ColumnType.Bool(), null)) {
      try {
        probe = Expressions.compile("column 'x'", text, VARS, t, false);
        if (probe != null) return t;
      } catch (ExpressionException e) {
        // try the next type
      }
    }
    throw new AssertionError("no column type takes " + text);
  }

  private record Failed(String why) {}

  private static Object outcome(Compiled c, Object[] row, String[] raw) {
    RowScope scope = new RowScope(NAMES, FIELDS);
    scope.row(row.clone(), raw);
    try {
      return c.eval(scope);
    } catch (Compiled.EvaluationException e) {
      return new Failed(e.getMessage());
    }
  }

  /**
   * The same value, or the same error message — except where the fast path words an error more
   * clearly than CEL ("Expected boolean value, found: NULL_VALUE"; a missing src key named bare).
   */
  private static boolean same(Object a, Object b) {
    if (a instanceof Failed(String x) && b instanceof Failed(String y)) {
      return x.equals(y) || y.contains("Expected boolean value") || x.contains("in src (empty");
    }
    return Objects.equals(a, b);
  }
}
