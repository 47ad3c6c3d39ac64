package io.datamapper.load;

import io.datamapper.DataMapperException;

/**
 * A row that could not be loaded, naming the file, line, record, column and value. Thrown to stop
 * an all-or-nothing import; in skip mode the same facts go to the reject store.
 */
public class RejectedRowException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private final transient RowProblem problem;

  public RejectedRowException(String fileName, RowProblem problem) {
    super(fileName + ": " + problem.describe() + ". Nothing was imported (policy badRows: abort).");
    this.problem = problem;
  }

  public RejectedRowException(String message, RowProblem problem, boolean custom) {
    super(message);
    this.problem = problem;
  }

  public RowProblem problem() {
    return problem;
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String problemType() {
    return "rejected-row";
  }

  @Override
  public String title() {
    return "A row was rejected";
  }
}
