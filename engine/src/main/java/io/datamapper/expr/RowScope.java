package io.datamapper.expr;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one row as CEL sees them: the typed columns by name (converted only when an
 * expression reads them) and {@code src}, a view of the raw fields. Point it at a row with {@link
 * #row}; not thread-safe (one per loading thread).
 */
public final class RowScope implements CelVariableResolver {
  private final Map<String, Integer> columns = new HashMap<>();
  private final SourceView src;
  private Object[] typed;

  /**
   * {@code columns}: names by their index in the typed row; {@code fields}: the file's fields by
   * index in the raw record.
   */
  public RowScope(List<String> columns, List<String> fields) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i) != null) this.columns.put(columns.get(i), i);
    }
    this.src = new SourceView(fields);
  }

  /**
   * Reads {@code typed} values and {@code raw} field texts from now on (both kept by reference).
   */
  public void row(Object[] typed, String[] raw) {
    this.typed = typed;
    src.values(raw);
  }

  @Override
  public Optional<Object> find(String name) {
    if (name.equals(Expressions.SOURCE)) return Optional.of(src);
    Integer at = columns.get(name);
    if (at == null) return Optional.empty();
    return Optional.of(toCel(typed[at]));
  }

  /** A column's value for the fast path: as {@link #find} gives it, but CEL's null as null. */
  Object column(String name) {
    Integer at = columns.get(name);
    if (at == null) throw new FastPath.Failure("undeclared reference to '" + name + "'");
    Object v = typed[at];
    return v == null ? null : toCel(v);
  }

  /** A raw field's text for the fast path, null when absent. */
  String source(String field) {
    return src.get(field);
  }

  /** A coerced column value in CEL's representation. */
  static Object toCel(Object v) {
    return switch (v) {
      case null -> NullValue.NULL_VALUE;
      case String s -> s;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Boolean b -> b;
      case Double d -> d;
      case BigDecimal d -> d.doubleValue();
      case Instant t -> t;
      case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
      case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
      default -> v.toString();
    };
  }
}
