package io.datamapper.expr;

import io.datamapper.mapping.MappingException;
import java.util.List;

/**
 * An expression that does not compile or type-check: a problem of the mapping, listed before any
 * row moves.
 */
public final class ExpressionException extends MappingException {
  public ExpressionException(List<String> problems) {
    super(problems);
  }
}
