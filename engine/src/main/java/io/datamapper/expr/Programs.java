package io.datamapper.expr;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * A mapping's expressions compiled together: {@code columns[i]} computes the i-th column (null for
 * a column read from the file), {@code filter} keeps or drops a row (null: none). An expression
 * sees the columns read from the file, never another computed column, so the order of evaluation
 * cannot matter. Immutable and thread-safe.
 */
public record Programs(Compiled[] columns, Compiled filter) {

  /**
   * Compiles the expressions of {@code specs} with {@code types} (same order: the types the columns
   * are loaded as) and {@code filter}; null when there is nothing to evaluate.
   *
   * @throws ExpressionException listing every problem, by column
   */
  public static Programs compile(List<ColumnSpec> specs, List<ColumnType> types, String filter) {
    boolean any = filter != null || specs.stream().anyMatch(ColumnSpec::computed);
    if (!any) return null;
    List<Expressions.Variable> variables = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      // a looked-up column is only known after the rows are staged: expressions cannot see it
      if (!specs.get(i).computed() && !specs.get(i).lookedUp())
        variables.add(new Expressions.Variable(specs.get(i).name(), types.get(i)));
    }
    List<String> problems = new ArrayList<>();
    Compiled[] columns = new Compiled[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      ColumnSpec c = specs.get(i);
      if (!c.computed()) continue;
      try {
        columns[i] =
            Expressions.compile("column '" + c.name() + "'", c.expr(), variables, types.get(i));
      } catch (ExpressionException e) {
        problems.addAll(e.problems());
      }
    }
    Compiled f = null;
    if (filter != null) {
      try {
        f = Expressions.compile("filter", filter, variables, null);
      } catch (ExpressionException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new ExpressionException(problems);
    return new Programs(columns, f);
  }
}
