package io.datamapper.load.copy;

import io.datamapper.coerce.ValueSink;

/**
 * Writes each value it receives as the next field of its encoder's current row, straight from the
 * primitive a parser produced: the same bytes {@link BinaryCopyEncoder#write} writes for the
 * equivalent Java value, without building that value. A primitive for a column of another type is a
 * bug and is refused with an {@link IllegalArgumentException}, as {@code write} refuses a value of
 * the wrong class. Not thread-safe: it belongs to its encoder's thread.
 */
final class FieldSink implements ValueSink {
  private final BinaryCopyEncoder enc;
  private final CopyBuffer out;

  FieldSink(BinaryCopyEncoder enc, CopyBuffer out) {
    this.enc = enc;
    this.out = out;
  }

  @Override
  public void int4(int v) {
    enc.next(PgType.INT4, "integer");
    out.fixed4(v);
    enc.field++;
  }

  @Override
  public void int8(long v) {
    enc.next(PgType.INT8, "bigint");
    out.fixed8(v);
    enc.field++;
  }

  @Override
  public void float8(double v) {
    enc.next(PgType.FLOAT8, "double precision");
    out.fixed8(Double.doubleToLongBits(v));
    enc.field++;
  }

  @Override
  public void bool(boolean v) {
    enc.next(PgType.BOOL, "boolean");
    out.bool(v);
    enc.field++;
  }

  @Override
  public void date(int pgDay) {
    enc.next(PgType.DATE, "date");
    out.fixed4(pgDay);
    enc.field++;
  }

  @Override
  public void time(long micros) {
    enc.next(PgType.TIME, "time");
    out.fixed8(micros);
    enc.field++;
  }

  @Override
  public void timestamp(long pgMicros) {
    PgType type = enc.nextType();
    if (type != PgType.TIMESTAMP && type != PgType.TIMESTAMPTZ) enc.next(type, "timestamp");
    out.fixed8(pgMicros);
    enc.field++;
  }

  @Override
  public void uuid(long msb, long lsb) {
    enc.next(PgType.UUID, "uuid");
    out.uuid(msb, lsb);
    enc.field++;
  }

  @Override
  public void text(String s) {
    PgType type = enc.nextType();
    if (type != PgType.TEXT && type != PgType.JSONB) enc.next(type, "text");
    out.text(s, type == PgType.JSONB);
    enc.field++;
  }

  @Override
  public void numeric(long unscaled, int scale) {
    enc.next(PgType.NUMERIC, "numeric");
    out.numeric(unscaled, scale);
    enc.field++;
  }

  @Override
  public void value(Object v) {
    enc.write(v);
  }
}
