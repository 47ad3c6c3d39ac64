package io.datamapper.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CEL sandbox and its bounds, and the reader's checks of expr and filter settings. */
class ExpressionsTest {
  private static final List<Expressions.Variable> VARS =
      List.of(
          new Expressions.Variable("qty", new ColumnType.BigInt()),
          new Expressions.Variable("name", new ColumnType.Text()));

  private static Object eval(String expr, ColumnType result, Object qty, String name) {
    Compiled c = Expressions.compile("column 'x'", expr, VARS, result);
    RowScope scope = new RowScope(List.of("qty", "name"), List.of("Raw"));
    scope.row(new Object[] {qty, name}, new String[] {"raw text"});
    return c.eval(scope);
  }

  @Test
  void an_expression_reaches_nothing_of_the_host() {
    for (String escape :
        List.of(
            "java.lang.Runtime.getRuntime()",
            "System.getenv('HOME')",
            "file('/etc/passwd')",
            "dyn(name).getClass()",
            "import('x')")) {
      assertThatThrownBy(
              () -> Expressions.compile("column 'x'", escape, VARS, new ColumnType.Text()))
          .as(escape)
          .isInstanceOf(ExpressionException.class);
    }
  }

  @Test
  void the_string_functions_that_cannot_blow_up_a_value_are_there_and_replace_and_join_are_not() {
    assertThat(
            eval(
                "name.trim().upperAscii().substring(0, 3)",
                new ColumnType.Text(),
                1L,
                "  ada lovelace "))
        .isEqualTo("ADA");
    assertThat(eval("name.split(' ').size()", new ColumnType.BigInt(), 1L, "a b c")).isEqualTo(3L);
    for (String blowUp : List.of("name.replace('a', 'bbbb')", "['a', 'b'].join(name)")) {
      assertThatThrownBy(
              () -> Expressions.compile("column 'x'", blowUp, VARS, new ColumnType.Text()))
          .as(blowUp)
          .isInstanceOf(ExpressionException.class);
    }
  }

  @Test
  void an_expression_longer_than_the_limit_is_refused_when_compiled() {
    String longOne = "qty" + " + 1".repeat(Expressions.MAX_CHARS / 4 + 1);

    assertThatThrownBy(
            () -> Expressions.compile("column 'x'", longOne, VARS, new ColumnType.BigInt()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("column 'x'");
  }

  @Test
  void a_comprehension_stops_at_the_iteration_limit() {
    assertThat(eval("[1, 2, 3].map(x, x * qty).size()", new ColumnType.BigInt(), 2L, "a"))
        .isEqualTo(3L);
    assertThatThrownBy(
            () ->
                eval(
                    "[" + "1,".repeat(300) + "1].all(a, [" + "1,".repeat(10) + "1].all(b, true))",
                    new ColumnType.Bool(),
                    1L,
                    "a"))
        .isInstanceOf(Compiled.EvaluationException.class)
        .hasMessageContaining("Iteration budget exceeded: " + Expressions.MAX_ITERATIONS);
  }

  @Test
  void nulls_are_compared_with_null_and_src_answers_in() {
    assertThat(eval("name == null ? 'none' : name", new ColumnType.Text(), 1L, null))
        .isEqualTo("none");
    assertThat(eval("'Raw' in src ? src['Raw'] : ''", new ColumnType.Text(), 1L, "a"))
        .isEqualTo("raw text");
    assertThat(eval("'Other' in src", new ColumnType.Bool(), 1L, "a")).isEqualTo(false);
    assertThatThrownBy(() -> eval("name + '!'", new ColumnType.Text(), 1L, null))
        .isInstanceOf(Compiled.EvaluationException.class);
    assertThatThrownBy(() -> eval("src['Other']", new ColumnType.Text(), 1L, "a"))
        .isInstanceOf(Compiled.EvaluationException.class);
  }

  @Test
  void the_reader_refuses_an_expr_with_a_source_or_transforms_and_a_blank_filter() {
    assertThatThrownBy(
            () ->
                MappingReader.parse(
                    """
        target: { table: t }
        filter: " "
        columns:
          - { source: a, name: a }
          - { source: b, name: b, expr: "a" }
          - { name: c, expr: "a", transform: [trim] }
          - { name: d, type: integer, expr: "a +" }
        """,
                    "m.yaml"))
        .isInstanceOf(MappingException.class)
        .satisfies(
            e ->
                assertThat(((MappingException) e).problems())
                    .containsExactlyInAnyOrder(
                        "filter must be a CEL expression (a non-empty string)",
                        "column 'b': give either a source or an expr, not both",
                        "column 'c': an expr column takes no transform steps (write them in the expression)"));
    assertThatThrownBy(
            () ->
                MappingReader.parse(
                    """
        target: { table: t }
        columns:
          - { source: a, name: a }
          - { name: d, type: integer, expr: "a +" }
        """,
                    "m.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("column 'd': expression \"a +\" at line 1, column 4");
  }
}
