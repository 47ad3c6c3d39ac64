package io.datamapper.coerce;

/**
 * Receives one parsed value from {@link ValueParser#parseTo} in the primitive form PostgreSQL's
 * binary format carries, so that the hot loading path builds no {@link java.time.LocalDate}, boxed
 * number or {@link java.util.UUID} only to take it apart again. Each call delivers exactly one
 * value, already checked and in PostgreSQL's range; {@link #value} takes everything a parser has no
 * primitive form for, as {@link ValueParser#parse} returns it ({@code null}: SQL {@code NULL}).
 *
 * <p>Implemented by the binary COPY encoder; an implementation may throw {@link
 * IllegalArgumentException} when it cannot store a value (e.g. text with an unpaired surrogate).
 * Not thread-safe unless an implementation says so.
 */
public interface ValueSink {
  /** An {@code integer}. */
  void int4(int v);

  /** A {@code bigint}. */
  void int8(long v);

  /** A {@code double precision}, possibly NaN or infinite. */
  void float8(double v);

  /** A {@code boolean}. */
  void bool(boolean v);

  /** A {@code date}: days since 2000-01-01, PostgreSQL's date origin. */
  void date(int pgDay);

  /** A {@code time}: microseconds since midnight, up to and including 24:00:00. */
  void time(long micros);

  /**
   * A {@code timestamp} (local) or {@code timestamptz} (UTC): microseconds since 2000-01-01
   * 00:00:00.
   */
  void timestamp(long pgMicros);

  /** A {@code uuid} as its two halves, most significant first. */
  void uuid(long msb, long lsb);

  /** A {@code text} value, without a NUL. */
  void text(String s);

  /**
   * A {@code numeric} of {@code unscaled × 10^-scale}, {@code scale} from 0 to 18 and at most 18
   * digits; the display scale is {@code scale} ({@code 1.50} keeps its zero).
   */
  void numeric(long unscaled, int scale);

  /** Any other value, as {@link ValueParser#parse} returns it; {@code null} is SQL NULL. */
  void value(Object v);
}
