package io.datamapper.web;

import io.datamapper.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chart of a console result, when it has one: exactly one label column and at least one numeric
 * column (a line over dates and times, bars otherwise), as the JSON {@code ui.js} gives Chart.js.
 * Labels and numbers only; nothing in it is run.
 */
record ConsoleChart(String type, String labelColumn, List<String> labels, List<Series> datasets) {
  /** Charts stop being readable long before this many points. */
  static final int MAX_POINTS = 500;

  record Series(String label, List<Number> data) {}

  static Optional<ConsoleChart> of(QueryResult r) {
    List<Integer> labelColumns = new ArrayList<>();
    List<Integer> numeric = new ArrayList<>();
    for (int i = 0; i < r.columns().size(); i++) {
      if (r.numeric(i)) numeric.add(i);
      else labelColumns.add(i);
    }
    if (labelColumns.size() != 1
        || numeric.isEmpty()
        || r.rows().isEmpty()
        || r.rows().size() > MAX_POINTS) return Optional.empty();
    int label = labelColumns.getFirst();
    String labelType = r.types().get(label);
    String type =
        labelType.startsWith("date")
                || labelType.startsWith("timestamp")
                || labelType.startsWith("time")
            ? "line"
            : "bar";
    List<String> labels = new ArrayList<>();
    for (List<Object> row : r.rows())
      labels.add(row.get(label) == null ? "NULL" : String.valueOf(row.get(label)));
    List<Series> series = new ArrayList<>();
    for (int c : numeric) {
      List<Number> data = new ArrayList<>();
      for (List<Object> row : r.rows()) data.add(row.get(c) instanceof Number n ? n : null);
      series.add(new Series(r.columns().get(c), data));
    }
    return Optional.of(new ConsoleChart(type, r.columns().get(label), labels, series));
  }

  /** For screen readers: what the chart shows. */
  String describe() {
    return (type.equals("line") ? "Line" : "Bar")
        + " chart of "
        + String.join(", ", datasets.stream().map(Series::label).toList())
        + " by "
        + labelColumn;
  }
}
