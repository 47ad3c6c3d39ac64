package io.datamapper.mapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One transformation step applied to a raw source value before it is coerced to the
 * column type. Steps run in mapping order; {@code null} means the value is null (an
 * absent field or a null token). Implementations are immutable and thread-safe.
 */
public sealed interface Transform {

  /** Applies the step; may return {@code null}. */
  String apply(String value);

  /** The step's name as written in a mapping. */
  String name();

  /** Removes leading and trailing white space (Unicode-aware, unlike {@link String#trim()}). */
  record Trim() implements Transform {
    public String apply(String value) { return value == null ? null : value.strip(); }
    public String name() { return "trim"; }
  }

  record Lower() implements Transform {
    public String apply(String value) { return value == null ? null : value.toLowerCase(Locale.ROOT); }
    public String name() { return "lower"; }
  }

  record Upper() implements Transform {
    public String apply(String value) { return value == null ? null : value.toUpperCase(Locale.ROOT); }
    public String name() { return "upper"; }
  }

  /** Replaces every match of a regular expression; {@code with} may use {@code $1} group references. */
  record Replace(String pattern, String with) implements Transform {
    public Replace {
      Objects.requireNonNull(pattern, "pattern");
      with = with == null ? "" : with;
      Pattern.compile(pattern); // fail early with PatternSyntaxException
    }

    public String apply(String value) {
      return value == null ? null : compiled().matcher(value).replaceAll(with);
    }

    private Pattern compiled() {
      return Patterns.get(pattern);
    }

    public String name() { return "replace"; }
  }

  /** Substitutes a value when the input is null or empty (after earlier steps). */
  record DefaultIfEmpty(String value) implements Transform {
    public DefaultIfEmpty {
      Objects.requireNonNull(value, "value");
    }

    public String apply(String input) { return input == null || input.isEmpty() ? value : input; }
    public String name() { return "defaultIfEmpty"; }
  }

  /**
   * Maps whole values through a table; values not in the table pass unchanged, or become
   * {@code otherwise} when it is set. A table value of {@code null} maps to null.
   */
  record ValueMap(Map<String, String> values, String otherwise) implements Transform {
    public ValueMap {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String apply(String value) {
      if (value == null) return null;
      if (values.containsKey(value)) return values.get(value);
      return otherwise == null ? value : otherwise;
    }

    public String name() { return "map"; }
  }

  Transform TRIM = new Trim();
  Transform LOWER = new Lower();
  Transform UPPER = new Upper();
}
