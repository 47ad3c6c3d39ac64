package io.datamapper.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.NullableType;
import java.util.List;
import java.util.Optional;

/**
 * A direct evaluator for the checked expressions most mappings use — column names, literals, {@code
 * src["Field"]}, arithmetic, comparisons, {@code && || !} and {@code ?:} over int, double, string
 * and bool — with CEL's semantics: integer overflow and division by zero are errors, a null operand
 * is an error ("no matching overload"), {@code &&}/{@code ||} absorb an error on one side when the
 * other decides, strings order by code point. Anything else (functions, macros, timestamps, mixed
 * int/double operands, {@code dyn}) is left to CEL's planner runtime. Measured several times
 * cheaper per row than the planner, whose per-evaluation set-up dominates small expressions; {@code
 * FastPathTest} checks every supported shape against CEL itself.
 */
final class FastPath {
  private FastPath() {}

  /** One compiled node; throws {@link Failure} where CEL gives an error. */
  interface Node {
    Object eval(RowScope scope);
  }

  /** An evaluation error, as CEL would report it (no stack: it is a row's problem, not a bug). */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** The node for the whole expression, or empty when it uses something only CEL evaluates. */
  static Optional<Node> of(CelAbstractSyntaxTree ast) {
    try {
      return Optional.of(node(ast, ast.getExpr()));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static CelKind kind(CelAbstractSyntaxTree ast, CelExpr e) {
    CelType t = ast.getType(e.id()).orElseThrow(Unsupported::new);
    CelKind k = (t instanceof NullableType n ? n.targetType() : t).kind();
    if (k == CelKind.INT
        || k == CelKind.DOUBLE
        || k == CelKind.STRING
        || k == CelKind.BOOL
        || k == CelKind.NULL_TYPE) return k;
    throw new Unsupported();
  }

  private static Node node(CelAbstractSyntaxTree ast, CelExpr e) {
    return switch (e.exprKind().getKind()) {
      case CONSTANT -> constant(ast, e);
      case IDENT -> {
        kind(ast, e);
        String name = e.ident().name();
        yield scope -> scope.column(name);
      }
      case CALL -> call(ast, e);
      default -> throw new Unsupported();
    };
  }

  private static Node constant(CelAbstractSyntaxTree ast, CelExpr e) {
    kind(ast, e);
    CelConstant c = e.constant();
    Object v =
        switch (c.getKind()) {
          case NULL_VALUE -> null;
          case BOOLEAN_VALUE -> c.booleanValue();
          case INT64_VALUE -> c.int64Value();
          case DOUBLE_VALUE -> c.doubleValue();
          case STRING_VALUE -> c.stringValue();
          default -> throw new Unsupported();
        };
    return scope -> v;
  }

  private static Node call(CelAbstractSyntaxTree ast, CelExpr e) {
    CelExpr.CelCall call = e.call();
    if (call.target().isPresent()) throw new Unsupported();
    List<CelExpr> args = call.args();
    String f = call.function();
    if (f.equals("_[_]")) return source(ast, e, args);
    Where w = where(ast, e, f);
    CelKind result = kind(ast, e);
    Node[] a = new Node[args.size()];
    CelKind[] k = new CelKind[args.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = node(ast, args.get(i));
      k[i] = kind(ast, args.get(i));
    }
    return switch (f) {
      case "_&&_" -> logical(a[0], a[1], false, w);
      case "_||_" -> logical(a[0], a[1], true, w);
      case "!_" -> scope -> !bool(a[0].eval(scope), w);
      case "_?_:_" -> scope -> bool(a[0].eval(scope), w) ? a[1].eval(scope) : a[2].eval(scope);
      case "-_" -> negate(a[0], k[0], w);
      case "_==_", "_!=_" -> equality(a, k, f.equals("_!=_"));
      case "_<_", "_<=_", "_>_", "_>=_" -> ordering(a, sameKind(k), f, w);
      case "_+_", "_-_", "_*_", "_/_", "_%_" -> arithmetic(a, sameKind(k), result, f, w);
      default -> throw new Unsupported();
    };
  }

  /** {@code src["Field"]} with a literal key; any other index is CEL's. */
  private static Node source(CelAbstractSyntaxTree ast, CelExpr e, List<CelExpr> args) {
    CelExpr map = args.get(0);
    CelExpr key = args.get(1);
    if (map.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT
        || !map.ident().name().equals(Expressions.SOURCE)
        || key.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT
        || key.constant().getKind() != CelConstant.Kind.STRING_VALUE) throw new Unsupported();
    kind(ast, e);
    String field = key.constant().stringValue();
    Where w = where(ast, e, "_[_]");
    return scope -> {
      String v = scope.source(field);
      if (v == null) throw w.fail("no field '" + field + "' in src (empty or absent)");
      return v;
    };
  }

  /**
   * Where a call is and what CEL would name in its errors: "at offset N: " and the overloads the
   * checker chose.
   */
  private record Where(String at, String function, List<String> overloads) {
    Failure fail(String message) {
      return new Failure(at + message);
    }

    Failure noOverload() {
      return fail(
          "No matching overload for function '"
              + function
              + "'. Overload candidates: "
              + String.join(", ", overloads));
    }
  }

  private static Where where(CelAbstractSyntaxTree ast, CelExpr e, String function) {
    Integer offset = ast.getSource().getPositionsMap().get(e.id());
    List<String> overloads =
        ast.getReference(e.id()).map(r -> (List<String>) r.overloadIds()).orElse(List.of());
    return new Where(offset == null ? "" : "at offset " + offset + ": ", function, overloads);
  }

  private static CelKind sameKind(CelKind[] k) {
    if (k[0] != k[1] || k[0] == CelKind.NULL_TYPE) throw new Unsupported();
    return k[0];
  }

  private static boolean bool(Object v, Where w) {
    if (v instanceof Boolean b) return b;
    throw w.noOverload();
  }

  /** CEL's commutative {@code &&} / {@code ||}: the deciding value wins over an error. */
  private static Node logical(Node left, Node right, boolean or, Where w) {
    return scope -> {
      Object l;
      RuntimeException error = null;
      try {
        l = left.eval(scope);
        if (l instanceof Boolean b && b == or) return or;
        if (!(l instanceof Boolean)) error = w.noOverload();
      } catch (Failure x) {
        error = x;
      }
      Object r = right.eval(scope);
      if (r instanceof Boolean b && b == or) return or;
      if (error != null) throw error;
      if (!(r instanceof Boolean)) throw w.noOverload();
      return !or;
    };
  }

  private static Node negate(Node a, CelKind k, Where w) {
    return switch (k) {
      case INT ->
          scope -> {
            Object v = a.eval(scope);
            if (!(v instanceof Long l)) throw w.noOverload();
            if (l == Long.MIN_VALUE) throw w.fail("long overflow");
            return -l;
          };
      case DOUBLE ->
          scope -> {
            Object v = a.eval(scope);
            if (!(v instanceof Double d)) throw w.noOverload();
            return -d;
          };
      default -> throw new Unsupported();
    };
  }

  private static Node equality(Node[] a, CelKind[] k, boolean not) {
    // int against double compares numerically in CEL: left to it
    if (k[0] != k[1] && k[0] != CelKind.NULL_TYPE && k[1] != CelKind.NULL_TYPE)
      throw new Unsupported();
    return scope -> {
      Object l = a[0].eval(scope);
      Object r = a[1].eval(scope);
      boolean eq;
      if (l == null || r == null) eq = l == r;
      else if (l instanceof Double x && r instanceof Double y) eq = x.doubleValue() == y;
      else eq = l.equals(r);
      return eq != not;
    };
  }

  private static Node ordering(Node[] a, CelKind k, String f, Where w) {
    if (k != CelKind.INT && k != CelKind.DOUBLE && k != CelKind.STRING) throw new Unsupported();
    return scope -> {
      Object l = a[0].eval(scope);
      Object r = a[1].eval(scope);
      if (l == null || r == null) throw w.noOverload();
      if (l instanceof Double x && r instanceof Double y) {
        double p = x;
        double q = y;
        return switch (f) {
          case "_<_" -> p < q;
          case "_<=_" -> p <= q;
          case "_>_" -> p > q;
          default -> p >= q;
        };
      }
      int c =
          l instanceof Long x && r instanceof Long y
              ? Long.compare(x, y)
              : ((String) l).compareTo((String) r);
      return switch (f) {
        case "_<_" -> c < 0;
        case "_<=_" -> c <= 0;
        case "_>_" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  private static Node arithmetic(Node[] a, CelKind k, CelKind result, String f, Where w) {
    if (k != result) throw new Unsupported();
    return switch (k) {
      case STRING -> {
        if (!f.equals("_+_")) throw new Unsupported();
        yield scope -> {
          Object l = a[0].eval(scope);
          Object r = a[1].eval(scope);
          if (!(l instanceof String x) || !(r instanceof String y)) throw w.noOverload();
          return x.concat(y);
        };
      }
      case INT ->
          scope -> {
            Object l = a[0].eval(scope);
            Object r = a[1].eval(scope);
            if (!(l instanceof Long x) || !(r instanceof Long y)) throw w.noOverload();
            return integer(f, x, y, w);
          };
      case DOUBLE -> {
        if (f.equals("_%_")) throw new Unsupported();
        yield scope -> {
          Object l = a[0].eval(scope);
          Object r = a[1].eval(scope);
          if (!(l instanceof Double x) || !(r instanceof Double y)) throw w.noOverload();
          return switch (f) {
            case "_+_" -> x + y;
            case "_-_" -> x - y;
            case "_*_" -> x * y;
            default -> x / y;
          };
        };
      }
      default -> throw new Unsupported();
    };
  }

  private static long integer(String f, long x, long y, Where w) {
    try {
      return switch (f) {
        case "_+_" -> Math.addExact(x, y);
        case "_-_" -> Math.subtractExact(x, y);
        case "_*_" -> Math.multiplyExact(x, y);
        case "_/_" -> {
          if (y == 0) throw w.fail("/ by zero");
          if (x == Long.MIN_VALUE && y == -1) throw w.fail("most negative number wraps");
          yield x / y;
        }
        default -> {
          if (y == 0) throw w.fail("/ by zero");
          yield y == -1 ? 0 : x % y;
        }
      };
    } catch (ArithmeticException e) {
      throw w.fail("long overflow");
    }
  }
}
