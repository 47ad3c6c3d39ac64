package io.datamapper.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL environment of mapping expressions: the standard functions and macros and part of the
 * strings extension ({@code lowerAscii}, {@code upperAscii}, {@code trim}, {@code substring},
 * {@code split}, {@code indexOf}, {@code lastIndexOf}, {@code charAt}, {@code reverse}, {@code
 * strings.quote}); no function reaches the host, bounded by {@link #MAX_CHARS} characters, a parse
 * depth of {@link #MAX_DEPTH}, {@link #MAX_NODES} nodes and {@link #MAX_ITERATIONS} comprehension
 * iterations per evaluation (all comprehensions of the expression together), so one row's
 * evaluation cost is bounded by the expression's size. A column is seen by its target name with the
 * type it has after coercion ({@link #celType(ColumnType)}); the raw source text as {@code
 * src["Field"]}. Thread-safe.
 */
public final class Expressions {
  /** The longest expression, in code points. */
  public static final int MAX_CHARS = 4096;

  /** The deepest nesting the parser accepts. */
  public static final int MAX_DEPTH = 64;

  /** The most nodes an expression may have. */
  public static final int MAX_NODES = 1000;

  /**
   * The most comprehension iterations ({@code all}, {@code exists}, {@code map}...) of one
   * evaluation.
   */
  public static final int MAX_ITERATIONS = 1000;

  /** The name of the raw source fields map. */
  public static final String SOURCE = "src";

  // evaluateCanonicalTypesToNativeValues is deprecated in CEL 0.x but still required by the planner
  // runtime; the build treats warnings as errors, so the one use is acknowledged here
  @SuppressWarnings("deprecation")
  static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_CHARS)
          .maxParseRecursionDepth(MAX_DEPTH)
          .maxParseExpressionNodeCount(MAX_NODES)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .maxRegexProgramSize(1000)
          .evaluateCanonicalTypesToNativeValues(true)
          // the planner runtime requires it (1 == 1.0 is true, as CEL's spec now says)
          .enableHeterogeneousNumericComparisons(true)
          .build();

  /**
   * CEL's strings extension without {@code replace} and {@code join}: both can build a string far
   * larger than their inputs (a 1 MB value with each character replaced by a 4 KB literal).
   */
  private static final CelStringExtensions STRINGS =
      CelExtensions.strings(
          CelStringExtensions.Function.CHAR_AT,
          CelStringExtensions.Function.INDEX_OF,
          CelStringExtensions.Function.LAST_INDEX_OF,
          CelStringExtensions.Function.LOWER_ASCII,
          CelStringExtensions.Function.UPPER_ASCII,
          CelStringExtensions.Function.QUOTE,
          CelStringExtensions.Function.REVERSE,
          CelStringExtensions.Function.SPLIT,
          CelStringExtensions.Function.SUBSTRING,
          CelStringExtensions.Function.TRIM);

  /**
   * The planner runtime: measured about twice as fast per evaluation as the standard (legacy)
   * interpreter.
   */
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.plannerRuntimeBuilder().setOptions(OPTIONS).addLibraries(STRINGS).build();

  /** A column an expression may name, with its coerced type. */
  public record Variable(String name, ColumnType type) {}

  private Expressions() {}

  /**
   * The CEL type a column's value has in an expression: text → string, integer and bigint → int,
   * boolean → bool, double and numeric → double, date and timestamps → timestamp (a date is
   * midnight UTC; a timestamp without zone is read as UTC), anything else → its text. Any of them
   * may be null: compare with {@code == null}.
   */
  public static CelType celType(ColumnType type) {
    return switch (type) {
      case ColumnType.Int i -> NullableType.create(SimpleType.INT);
      case ColumnType.BigInt b -> NullableType.create(SimpleType.INT);
      case ColumnType.Bool b -> NullableType.create(SimpleType.BOOL);
      case ColumnType.DoubleType d -> NullableType.create(SimpleType.DOUBLE);
      case ColumnType.Numeric n -> NullableType.create(SimpleType.DOUBLE);
      case ColumnType.Date d -> SimpleType.TIMESTAMP;
      case ColumnType.Timestamp t -> SimpleType.TIMESTAMP;
      case ColumnType.TimestampTz t -> SimpleType.TIMESTAMP;
      default -> NullableType.create(SimpleType.STRING);
    };
  }

  /**
   * Compiles and type-checks {@code text}. {@code result} is the column type the value must fit, or
   * null for a filter (bool). Problems name {@code label} and the position (line and column,
   * 1-based) in the expression.
   *
   * @throws ExpressionException listing every problem
   */
  public static Compiled compile(
      String label, String text, List<Variable> variables, ColumnType result) {
    return compile(label, text, variables, result, true);
  }

  /** As above; {@code fast}: false to evaluate with CEL's runtime only (tests compare the two). */
  static Compiled compile(
      String label, String text, List<Variable> variables, ColumnType result, boolean fast) {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(STRINGS)
            .addVar(SOURCE, MapType.create(SimpleType.STRING, SimpleType.STRING));
    for (Variable v : variables) {
      if (!v.name().equals(SOURCE)) builder.addVar(v.name(), celType(v.type()));
    }
    CelCompiler compiler = builder.build();
    CelAbstractSyntaxTree ast;
    try {
      ast = compiler.compile(text).getAst();
    } catch (CelValidationException e) {
      List<String> problems = new ArrayList<>();
      for (CelIssue issue : e.getErrors()) {
        problems.add(
            label + ": expression \"" + text + "\" " + position(issue) + ": " + issue.getMessage());
      }
      throw new ExpressionException(problems);
    }
    String mismatch = mismatch(ast.getResultType(), result);
    if (mismatch != null)
      throw new ExpressionException(List.of(label + ": expression \"" + text + "\" " + mismatch));
    try {
      return new Compiled(
          label, text, RUNTIME.createProgram(ast), fast ? FastPath.of(ast).orElse(null) : null);
    } catch (CelEvaluationException e) {
      throw new ExpressionException(
          List.of(label + ": expression \"" + text + "\": " + e.getMessage()));
    }
  }

  private static String position(CelIssue issue) {
    var at = issue.getSourceLocation();
    if (at.getLine() <= 0) return "";
    return "at line " + at.getLine() + ", column " + (at.getColumn() + 1);
  }

  /** Why a result of type {@code actual} cannot fill {@code column} (null: it can). */
  private static String mismatch(CelType actual, ColumnType column) {
    CelKind kind = actual.kind() == CelKind.NULL_TYPE ? CelKind.NULL_TYPE : unwrap(actual).kind();
    if (kind == CelKind.DYN || kind == CelKind.NULL_TYPE) return null;
    List<CelKind> wanted =
        column == null
            ? List.of(CelKind.BOOL)
            : switch (column) {
              case ColumnType.Text t -> List.of(CelKind.STRING);
              case ColumnType.Int i -> List.of(CelKind.INT);
              case ColumnType.BigInt b -> List.of(CelKind.INT);
              case ColumnType.Bool b -> List.of(CelKind.BOOL);
              case ColumnType.DoubleType d -> List.of(CelKind.DOUBLE, CelKind.INT);
              case ColumnType.Numeric n -> List.of(CelKind.DOUBLE, CelKind.INT);
              case ColumnType.Date d -> List.of(CelKind.TIMESTAMP);
              case ColumnType.Timestamp t -> List.of(CelKind.TIMESTAMP);
              case ColumnType.TimestampTz t -> List.of(CelKind.TIMESTAMP);
              default -> List.of(CelKind.STRING);
            };
    if (wanted.contains(kind)) return null;
    String what = column == null ? "a filter" : "a " + column.spelling() + " column";
    return "gives "
        + unwrap(actual).name()
        + ", but "
        + what
        + " needs "
        + wanted.getFirst().name().toLowerCase(java.util.Locale.ROOT)
        + (wanted.getFirst() == CelKind.STRING ? " (convert with string(...))" : "");
  }

  private static CelType unwrap(CelType t) {
    return t instanceof NullableType n ? n.targetType() : t;
  }
}
