package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.DataMapperException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Execution accuracy of {@code ask} on the sample shop: each question of {@code
 * ask-eval/questions.yaml} is asked, and the rows of the model's SQL are compared with the rows of
 * the expected SQL (in any order; extra columns allowed). With {@code -DaskEval.model=env}
 * (bench/ask-eval.sh when a provider is configured) the model comes from the environment; otherwise
 * a scripted model answers with the expected SQL, which checks the plumbing and must score 100 %.
 * Writes {@code target/ask-eval.txt}.
 */
class AskEvalTest {
  @TempDir Path dir;

  record Question(int id, String question, String sql) {}

  @Test
  void the_console_answers_the_sample_questions() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "askeval");
    AskEvalData.load(fx);
    String s = fx.schema();
    List<Question> questions;
    try (InputStream in = AskEvalTest.class.getResourceAsStream("/ask-eval/questions.yaml")) {
      if (in == null)
        throw new IllegalStateException(
            "ask-eval/questions.yaml is missing from the test resources");
      questions =
          YAMLMapper.builder().build().readValue(in, new TypeReference<List<Question>>() {});
    }
    questions =
        questions.stream()
            .map(q -> new Question(q.id(), q.question(), q.sql().replace("{s}", s)))
            .toList();
    boolean real = "env".equals(System.getProperty("askEval.model"));
    ConfiguredModel model =
        real
            ? Models.fromEnvironment(System::getenv)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "-DaskEval.model=env but no model is configured: "
                                + ModelException.HOW_TO_CONFIGURE))
            : scripted(questions);
    QueryConsole console =
        QueryConsole.builder()
            .dataSource(TestDatabase.dataSource())
            .model(model)
            .client("ask-eval")
            .build();

    List<String> report = new ArrayList<>();
    int correct = 0;
    long start = System.nanoTime();
    for (Question q : questions) {
      QueryResult expected = console.run(q.sql());
      String outcome;
      try {
        QueryResult got = console.ask(q.question());
        boolean ok = ResultSets.sameRows(expected, got);
        if (ok) correct++;
        outcome =
            (ok ? "ok   " : "WRONG")
                + " ("
                + got.attempts()
                + " attempt"
                + (got.attempts() == 1 ? "" : "s")
                + ", "
                + got.rowCount()
                + (got.rowCount() == 1 ? " row) " : " rows) ")
                + (ok ? "" : "\n        model:    " + got.sql() + "\n        expected: " + q.sql());
      } catch (DataMapperException e) {
        outcome = "ERROR " + e.getMessage().lines().findFirst().orElse("");
      }
      report.add(String.format("%2d. %s%n    %s", q.id(), q.question(), outcome));
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    String summary =
        String.format(
            "ask-eval: %s — %d of %d questions answered correctly, execution accuracy %.1f %% (%d s)%n",
            real
                ? model.describe()
                : "scripted model (plumbing check: answers with the expected SQL)",
            correct,
            questions.size(),
            100.0 * correct / questions.size(),
            seconds);
    Files.writeString(
        Path.of("target/ask-eval.txt"),
        summary + "\n" + String.join("\n", report) + "\n\n" + summary);

    assertThat(questions).hasSizeGreaterThanOrEqualTo(30);
    if (!real) assertThat(correct).as(String.join("\n", report)).isEqualTo(questions.size());
    String floor = System.getProperty("askEval.min");
    if (real && floor != null)
      assertThat(100.0 * correct / questions.size())
          .isGreaterThanOrEqualTo(Double.parseDouble(floor));
  }

  /** Answers each question with its expected SQL, found by the question's text in the prompt. */
  private static ConfiguredModel scripted(List<Question> questions) {
    return new ScriptedChatModel(
            request -> {
              String prompt =
                  ScriptedChatModel.text(request.messages().get(request.messages().size() - 1));
              return questions.stream()
                  .filter(q -> prompt.endsWith("Question: " + q.question()))
                  .findFirst()
                  .map(q -> "```sql\n" + q.sql() + "\n```")
                  .orElse("SELECT 'unknown question' AS note");
            })
        .configured();
  }

  /** Result comparison for execution accuracy. */
  static final class ResultSets {
    private ResultSets() {}

    /**
     * Same rows in any order; the model may add columns (the expected ones must be among its own,
     * in any order).
     */
    static boolean sameRows(QueryResult expected, QueryResult got) {
      if (expected.rowCount() != got.rowCount()) return false;
      int k = expected.columns().size();
      int m = got.columns().size();
      if (m < k || m > 8) return false;
      List<String> want = rows(expected, range(k));
      for (int[] pick : combinations(m, k)) {
        if (rows(got, pick).equals(want)) return true;
      }
      return false;
    }

    private static int[] range(int k) {
      int[] r = new int[k];
      for (int i = 0; i < k; i++) r[i] = i;
      return r;
    }

    private static List<int[]> combinations(int m, int k) {
      List<int[]> out = new ArrayList<>();
      combine(0, m, new int[k], 0, out);
      return out;
    }

    private static void combine(int from, int m, int[] pick, int depth, List<int[]> out) {
      if (depth == pick.length) {
        out.add(pick.clone());
        return;
      }
      for (int i = from; i < m; i++) {
        pick[depth] = i;
        combine(i + 1, m, pick, depth + 1, out);
      }
    }

    /**
     * Each row as its values (normalized, sorted, so column order does not matter), rows sorted.
     */
    private static List<String> rows(QueryResult r, int[] columns) {
      List<String> out = new ArrayList<>();
      for (List<Object> row : r.rows()) {
        List<String> values = new ArrayList<>();
        for (int c : columns) values.add(normalize(row.get(c)));
        values.sort(null);
        out.add(String.join("\u0001", values));
      }
      out.sort(null);
      return out;
    }

    private static String normalize(Object v) {
      if (v == null) return "\u2205";
      if (v instanceof BigDecimal d)
        return d.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
      if (v instanceof Number n)
        return new BigDecimal(n.toString())
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
      String s = v.toString().strip();
      return s.endsWith(" 00:00:00") ? s.substring(0, s.length() - 9) : s;
    }
  }

  @Test
  void results_compare_in_any_row_and_column_order_with_extra_columns_allowed() {
    QueryResult want =
        result(
            List.of("country", "n"),
            List.of(List.of("GB", 2L), List.of("US", new BigDecimal("1.0"))));
    assertThat(
            ResultSets.sameRows(
                want,
                result(
                    List.of("n", "country", "extra"),
                    List.of(List.of(1L, "US", "x"), List.of(new BigDecimal("2.000"), "GB", "y")))))
        .isTrue();
    assertThat(
            ResultSets.sameRows(
                want,
                result(List.of("country", "n"), List.of(List.of("GB", 2L), List.of("US", 3L)))))
        .isFalse();
    assertThat(
            ResultSets.sameRows(
                want, result(List.of("country"), List.of(List.of("GB"), List.of("US")))))
        .isFalse();
  }

  private static QueryResult result(List<String> columns, List<List<Object>> rows) {
    return new QueryResult(
        null,
        "",
        columns,
        columns.stream().map(c -> "text").toList(),
        rows,
        rows.size(),
        false,
        0,
        null,
        0);
  }
}
