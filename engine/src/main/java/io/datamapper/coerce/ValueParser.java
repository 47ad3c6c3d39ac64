package io.datamapper.coerce;

import io.datamapper.mapping.ColumnType;
import java.util.Objects;

/**
 * Turns one source string into the Java value a column of a given {@link ColumnType} holds, the way
 * PostgreSQL would read it, but refusing anything PostgreSQL would store differently from what the
 * user sees: no silent truncation, no ignored time zones.
 *
 * <p>Values produced, by column type: {@code integer} → {@link Integer}, {@code bigint} → {@link
 * Long}, {@code numeric} → {@link java.math.BigDecimal} (rounded half-up to the column's scale,
 * like PostgreSQL), {@code double} → {@link Double}, {@code boolean} → {@link Boolean}, {@code
 * date} → {@link java.time.LocalDate}, {@code time} → {@link java.time.LocalTime} ({@code 24:00:00}
 * is {@link java.time.LocalTime#MAX}, which the binary COPY encoder stores as {@code 24:00:00}),
 * {@code timestamp} → {@link java.time.LocalDateTime}, {@code timestamptz} → {@link
 * java.time.Instant}, {@code uuid} → {@link java.util.UUID}, {@code jsonb} and {@code text} → the
 * {@link String} itself, arrays → a {@link java.util.List} (the caller's to keep, not shared) of
 * element values (elements may be {@code null}). These are exactly the values {@code
 * io.datamapper.load.copy.BinaryCopyEncoder#write(Object)} takes.
 *
 * <p>Instances are immutable and thread-safe; create one per column and reuse it.
 */
public sealed interface ValueParser
    permits IntegerParser,
        NumericParser,
        DoubleParser,
        BooleanParser,
        TextParser,
        JsonbParser,
        UuidParser,
        DateParser,
        TimeParser,
        TimestampParser,
        EpochParser,
        ArrayParser {

  /**
   * Parses a value that is not SQL {@code NULL} (the caller maps empty or null tokens to {@code
   * NULL} before calling).
   *
   * @param raw the source text after the column's transforms; not {@code null}
   * @return the value, never {@code null}
   * @throws CoercionException with a short reason when the text is not a valid value
   */
  Object parse(String raw);

  /**
   * Parses like {@link #parse} and hands the value to {@code sink} in its primitive form where the
   * type has one (no boxing, no {@code java.time} objects): same accepted inputs, same refusals,
   * same stored value. The default passes {@link #parse}'s value to {@link ValueSink#value}.
   *
   * @param raw the source text after the column's transforms; not {@code null}
   * @param sink receives exactly one value unless this throws
   * @throws CoercionException with a short reason when the text is not a valid value; nothing has
   *     reached the sink then
   */
  default void parseTo(String raw, ValueSink sink) {
    sink.value(parse(raw));
  }

  /**
   * Creates the parser for a column.
   *
   * @param type the column type; not {@code null}
   * @param format the column's parse format or {@code null}: a {@link
   *     java.time.format.DateTimeFormatter} pattern for dates and times (e.g. {@code dd/MM/yyyy}),
   *     or {@code epoch-seconds} / {@code epoch-millis} for Unix time in date and timestamp
   *     columns; {@code "true|false"} token lists for booleans (e.g. {@code "ja,j|nein,n"}); for
   *     numbers the decimal separator optionally followed by the thousands separator ({@code ","},
   *     {@code ",."}, {@code ".,"}). An array column applies it to its elements.
   * @throws IllegalArgumentException if the format is invalid for the type; the message says what
   *     is wrong and is meant for the mapping validation report
   */
  static ValueParser forColumn(ColumnType type, String format) {
    Objects.requireNonNull(type, "type");
    String f = format == null || format.isEmpty() ? null : format;
    return switch (type) {
      case ColumnType.Text t -> TextParser.INSTANCE;
      case ColumnType.Int t -> new IntegerParser(false, NumberSyntax.of(f));
      case ColumnType.BigInt t -> new IntegerParser(true, NumberSyntax.of(f));
      case ColumnType.Numeric n -> new NumericParser(n, NumberSyntax.of(f));
      case ColumnType.DoubleType t -> new DoubleParser(NumberSyntax.of(f));
      case ColumnType.Bool t -> BooleanParser.of(f);
      case ColumnType.Date t ->
          EpochParser.names(f)
              ? EpochParser.of(EpochParser.Target.DATE, f)
              : new DateParser(TemporalFormat.of(f));
      case ColumnType.Time t -> {
        if (EpochParser.names(f))
          throw new IllegalArgumentException(
              "format " + f + " is for date, timestamp and timestamptz columns, not time");
        yield new TimeParser(TemporalFormat.of(f));
      }
      case ColumnType.Timestamp t ->
          EpochParser.names(f)
              ? EpochParser.of(EpochParser.Target.TIMESTAMP, f)
              : new TimestampParser(false, TemporalFormat.of(f));
      case ColumnType.TimestampTz t ->
          EpochParser.names(f)
              ? EpochParser.of(EpochParser.Target.TIMESTAMPTZ, f)
              : new TimestampParser(true, TemporalFormat.of(f));
      case ColumnType.Uuid t -> UuidParser.INSTANCE;
      case ColumnType.Jsonb t -> JsonbParser.INSTANCE;
      case ColumnType.ArrayOf a -> new ArrayParser(a.element(), forColumn(a.element(), f));
    };
  }
}
