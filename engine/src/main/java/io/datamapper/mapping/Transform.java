package io.datamapper.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One transformation step applied to a raw source value before it is coerced to the column type.
 * Steps run in mapping order; {@code null} means the value is null (an absent field or a null
 * token). Implementations are immutable and thread-safe.
 */
public sealed interface Transform {

  /** Applies the step; may return {@code null}. */
  String apply(String value);

  /** The step's name as written in a mapping. */
  String name();

  /** Removes leading and trailing white space (Unicode-aware, unlike {@link String#trim()}). */
  record Trim() implements Transform {
    public String apply(String value) {
      return value == null ? null : value.strip();
    }

    public String name() {
      return "trim";
    }
  }

  record Lower() implements Transform {
    public String apply(String value) {
      return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    public String name() {
      return "lower";
    }
  }

  record Upper() implements Transform {
    public String apply(String value) {
      return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    public String name() {
      return "upper";
    }
  }

  /**
   * Replaces every match of a regular expression; {@code with} may use {@code $1} group references.
   * Matching one value has a time budget ({@link #apply(String, Duration)}; one second by default):
   * past it, a {@link PatternTimeoutException}.
   */
  record Replace(String pattern, String with) implements Transform {
    /**
     * The budget of {@link #apply(String)}: the default of {@code
     * datamapper.limits.max-regex-time}.
     */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);

    /**
     * The longest result of {@link #apply(String)}: the default of {@code
     * datamapper.limits.max-value-size}.
     */
    public static final int DEFAULT_MAX_CHARS = 16 << 20;

    public Replace {
      Objects.requireNonNull(pattern, "pattern");
      with = with == null ? "" : with;
      Pattern.compile(pattern); // fail early with PatternSyntaxException
    }

    public String apply(String value) {
      return apply(value, DEFAULT_BUDGET, DEFAULT_MAX_CHARS);
    }

    /**
     * Replaces every match in {@code value}, giving up with a {@link PatternTimeoutException} after
     * {@code budget} or when the result grows past {@code maxChars} characters.
     */
    public String apply(String value, Duration budget, int maxChars) {
      if (value == null) return null;
      Matcher m = compiled().matcher(new TimedText(value, pattern, budget));
      if (!m.find()) return value;
      StringBuilder out = new StringBuilder(value.length());
      do {
        m.appendReplacement(out, with);
        if (out.length() > maxChars) {
          throw new PatternTimeoutException(
              "the replace step (pattern '"
                  + TimedText.shorten(pattern)
                  + "') makes this value longer than "
                  + String.format(Locale.ROOT, "%,d", maxChars)
                  + " characters, the limit for a value (datamapper.limits.max-value-size)");
        }
      } while (m.find());
      m.appendTail(out);
      return out.toString();
    }

    private Pattern compiled() {
      return Patterns.get(pattern);
    }

    public String name() {
      return "replace";
    }
  }

  /** Substitutes a value when the input is null or empty (after earlier steps). */
  record DefaultIfEmpty(String value) implements Transform {
    public DefaultIfEmpty {
      Objects.requireNonNull(value, "value");
    }

    public String apply(String input) {
      return input == null || input.isEmpty() ? value : input;
    }

    public String name() {
      return "defaultIfEmpty";
    }
  }

  /**
   * Maps whole values through a table; values not in the table pass unchanged, or become {@code
   * otherwise} when it is set. A table value of {@code null} maps to null.
   */
  record ValueMap(Map<String, String> values, String otherwise) implements Transform {
    public ValueMap {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String apply(String value) {
      if (value == null) return null;
      if (values.containsKey(value)) return values.get(value);
      return otherwise == null ? value : otherwise;
    }

    public String name() {
      return "map";
    }
  }

  /**
   * Replaces a value by the SHA-256 of the salt followed by the value (both UTF-8), as 64
   * lower-case hex digits: the same value gives the same hash, so hashed columns still join. The
   * salt is read from the environment variable {@code saltEnv} when the mapping is read; it is
   * never shown: {@link #toString()} names only the variable.
   */
  final class Hash implements Transform {
    private final String saltEnv;
    private final byte[] salt;

    /** A hash step whose salt is {@code salt}, read from the variable {@code saltEnv}. */
    public Hash(String saltEnv, String salt) {
      this.saltEnv = Objects.requireNonNull(saltEnv, "saltEnv");
      this.salt = Objects.requireNonNull(salt, "salt").getBytes(StandardCharsets.UTF_8);
    }

    /** The environment variable holding the salt. */
    public String saltEnv() {
      return saltEnv;
    }

    public String apply(String value) {
      if (value == null) return null;
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(salt);
        return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    public String name() {
      return "hash";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hash h && h.saltEnv.equals(saltEnv) && Arrays.equals(h.salt, salt);
    }

    @Override
    public int hashCode() {
      return saltEnv.hashCode();
    }

    @Override
    public String toString() {
      return "Hash[saltEnv=" + saltEnv + "]";
    }
  }

  /**
   * Keeps the last {@code keep} characters (code points) and replaces each one before them by
   * {@code *}; a value no longer than {@code keep} is left as it is.
   */
  record Mask(int keep) implements Transform {
    public Mask {
      if (keep < 0) throw new IllegalArgumentException("mask keep must be 0 or more");
    }

    public String apply(String value) {
      if (value == null) return null;
      int length = value.codePointCount(0, value.length());
      if (length <= keep) return value;
      int cut = value.offsetByCodePoints(0, length - keep);
      return "*".repeat(length - keep) + value.substring(cut);
    }

    public String name() {
      return "mask";
    }
  }

  /**
   * One part of a value cut at a literal {@code separator} into at most {@code of} parts ({@code
   * part} is 1-based): the last part keeps the rest of the value, separators included; a part the
   * value does not have is null. What a column's {@code split} expands to, one step per target
   * column.
   */
  record SplitPart(String separator, int part, int of) implements Transform {
    public SplitPart {
      if (separator == null || separator.isEmpty())
        throw new IllegalArgumentException("split needs a non-empty separator");
      if (part < 1 || part > of) throw new IllegalArgumentException("split part out of range");
    }

    public String apply(String value) {
      if (value == null) return null;
      String[] parts = value.split(Pattern.quote(separator), of);
      return part <= parts.length ? parts[part - 1] : null;
    }

    public String name() {
      return "splitPart";
    }
  }

  Transform TRIM = new Trim();
  Transform LOWER = new Lower();
  Transform UPPER = new Upper();
}
