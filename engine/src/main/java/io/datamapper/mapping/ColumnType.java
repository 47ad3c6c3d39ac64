package io.datamapper.mapping;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed set of target column types a mapping can name. {@link #parse(String)} reads the
 * mapping spelling ({@code bigint}, {@code numeric(12,2)}, {@code text[]}, ...) and {@link #sql()}
 * gives the PostgreSQL type. Immutable and thread-safe.
 */
public sealed interface ColumnType {

  /** The PostgreSQL type name used in DDL, e.g. {@code numeric(12,2)}. */
  String sql();

  /** The spelling used in mappings; parses back to an equal type. */
  default String spelling() {
    return sql();
  }

  record Text() implements ColumnType {
    public String sql() {
      return "text";
    }
  }

  record Int() implements ColumnType {
    public String sql() {
      return "integer";
    }
  }

  record BigInt() implements ColumnType {
    public String sql() {
      return "bigint";
    }
  }

  /**
   * {@code numeric} with optional precision and scale; {@code precision == null} means
   * unconstrained.
   */
  record Numeric(Integer precision, Integer scale) implements ColumnType {
    public Numeric {
      if (precision != null && (precision < 1 || precision > 1000)) {
        throw new IllegalArgumentException(
            "numeric precision must be between 1 and 1000, not " + precision);
      }
      if (scale != null && precision == null) {
        throw new IllegalArgumentException("numeric scale needs a precision");
      }
      if (scale != null && (scale < 0 || scale > precision)) {
        throw new IllegalArgumentException(
            "numeric scale must be between 0 and the precision " + precision + ", not " + scale);
      }
    }

    public String sql() {
      if (precision == null) return "numeric";
      return scale == null
          ? "numeric(" + precision + ")"
          : "numeric(" + precision + "," + scale + ")";
    }
  }

  record DoubleType() implements ColumnType {
    public String sql() {
      return "double precision";
    }

    public String spelling() {
      return "double";
    }
  }

  record Bool() implements ColumnType {
    public String sql() {
      return "boolean";
    }
  }

  record Date() implements ColumnType {
    public String sql() {
      return "date";
    }
  }

  record Time() implements ColumnType {
    public String sql() {
      return "time";
    }
  }

  record Timestamp() implements ColumnType {
    public String sql() {
      return "timestamp";
    }
  }

  record TimestampTz() implements ColumnType {
    public String sql() {
      return "timestamptz";
    }
  }

  record Uuid() implements ColumnType {
    public String sql() {
      return "uuid";
    }
  }

  record Jsonb() implements ColumnType {
    public String sql() {
      return "jsonb";
    }
  }

  /** A one-dimensional array of a scalar type, e.g. {@code text[]}. */
  record ArrayOf(ColumnType element) implements ColumnType {
    public ArrayOf {
      if (element instanceof ArrayOf || element instanceof Jsonb) {
        throw new IllegalArgumentException(
            "arrays of " + element.spelling() + " are not supported");
      }
    }

    public String sql() {
      return element.sql() + "[]";
    }

    public String spelling() {
      return element.spelling() + "[]";
    }
  }

  ColumnType TEXT = new Text();
  ColumnType INTEGER = new Int();
  ColumnType BIGINT = new BigInt();
  ColumnType NUMERIC = new Numeric(null, null);
  ColumnType DOUBLE = new DoubleType();
  ColumnType BOOLEAN = new Bool();
  ColumnType DATE = new Date();
  ColumnType TIME = new Time();
  ColumnType TIMESTAMP = new Timestamp();
  ColumnType TIMESTAMPTZ = new TimestampTz();
  ColumnType UUID = new Uuid();
  ColumnType JSONB = new Jsonb();

  /**
   * Reads a type as written in a mapping. Accepts common PostgreSQL aliases ({@code int4}, {@code
   * int8}, {@code float8}, {@code bool}, {@code decimal}, {@code varchar}).
   *
   * @throws IllegalArgumentException with a message listing the accepted types
   */
  static ColumnType parse(String spelling) {
    if (spelling == null || spelling.isBlank()) {
      throw new IllegalArgumentException("type is missing");
    }
    String s = spelling.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (s.endsWith("[]")) {
      return new ArrayOf(parse(s.substring(0, s.length() - 2)));
    }
    Matcher numeric = NUMERIC_PATTERN.matcher(s);
    if (numeric.matches()) {
      if (numeric.group(2) == null) return NUMERIC;
      Integer precision = Integer.valueOf(numeric.group(2));
      Integer scale = numeric.group(3) == null ? null : Integer.valueOf(numeric.group(3));
      return new Numeric(precision, scale);
    }
    return switch (s) {
      case "text", "string", "varchar", "character varying" -> TEXT;
      case "integer", "int", "int4" -> INTEGER;
      case "bigint", "int8", "long" -> BIGINT;
      case "double", "double precision", "float8", "float" -> DOUBLE;
      case "boolean", "bool" -> BOOLEAN;
      case "date" -> DATE;
      case "time", "time without time zone" -> TIME;
      case "timestamp", "timestamp without time zone" -> TIMESTAMP;
      case "timestamptz", "timestamp with time zone" -> TIMESTAMPTZ;
      case "uuid" -> UUID;
      case "jsonb", "json" -> JSONB;
      default ->
          throw new IllegalArgumentException(
              "unknown type '"
                  + spelling
                  + "'; use one of "
                  + "text, integer, bigint, numeric(p,s), double, boolean, date, time, timestamp, timestamptz, uuid, jsonb, or TYPE[]");
    };
  }

  Pattern NUMERIC_PATTERN =
      Pattern.compile("(numeric|decimal)(?:\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");
}
