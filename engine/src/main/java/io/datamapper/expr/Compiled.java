package io.datamapper.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * One checked expression, ready to evaluate many times (the program is immutable and thread-safe).
 * {@code label} names where it comes from ({@code column 'x'} or {@code filter}).
 */
public record Compiled(String label, String text, CelRuntime.Program program, FastPath.Node fast) {

  /**
   * The value for one row; {@code null} for CEL's null.
   *
   * @throws EvaluationException when the expression fails on this row (division by zero, overflow,
   *     a missing {@code src} key, a null where a value is needed)
   */
  public Object eval(RowScope scope) {
    Object v;
    try {
      v = fast != null ? fast.eval(scope) : program.eval(scope);
    } catch (CelEvaluationException | RuntimeException e) {
      throw new EvaluationException(
          label + ": expression \"" + shown(text) + "\" failed: " + message(e), e);
    }
    return v instanceof dev.cel.common.values.NullValue ? null : v;
  }

  /** The expression as a per-row message quotes it: at most 100 characters. */
  static String shown(String text) {
    return text.length() <= 100 ? text : text.substring(0, 97) + "...";
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    // CEL's "evaluation error at <input>:4: ..." names its own placeholder for the source
    return m == null
        ? e.getClass().getSimpleName()
        : m.replace("evaluation error at <input>:", "at offset ");
  }

  /**
   * An expression failing on one row: the row is bad ({@code bad-expression}), the import goes on
   * by the badRows policy.
   */
  public static final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvaluationException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
