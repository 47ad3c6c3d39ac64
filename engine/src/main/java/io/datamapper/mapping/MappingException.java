package io.datamapper.mapping;

import io.datamapper.DataMapperException;
import java.util.List;

/** A mapping that cannot be used, with every problem found (each names its column). */
public class MappingException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public MappingException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) return "Mapping problem: " + problems.get(0);
    StringBuilder sb = new StringBuilder("The mapping has " + problems.size() + " problems:");
    for (String p : problems) sb.append("\n  - ").append(p);
    return sb.toString();
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String problemType() {
    return "bad-mapping";
  }

  @Override
  public String title() {
    return "The mapping does not fit";
  }
}
