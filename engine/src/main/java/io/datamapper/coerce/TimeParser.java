package io.datamapper.coerce;

import java.time.LocalTime;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * {@code time}: ISO {@code HH:mm[:ss[.f]]} by hand, or the column's pattern. PostgreSQL's {@code
 * 24:00:00} becomes {@link LocalTime#MAX}, which rounds to 24:00:00 when stored.
 */
record TimeParser(TemporalFormat format) implements ValueParser {
  @Override
  public void parseTo(String raw, ValueSink sink) {
    if (format == null) sink.time(IsoDateTime.parse(raw, IsoDateTime.Shape.TIME).microOfDay);
    else sink.value(parse(raw));
  }

  @Override
  public Object parse(String raw) {
    if (format == null) {
      long micros = IsoDateTime.parse(raw, IsoDateTime.Shape.TIME).microOfDay;
      return micros == PgCalendar.MICROS_PER_DAY
          ? LocalTime.MAX
          : LocalTime.ofNanoOfDay(micros * 1000);
    }
    TemporalAccessor t = format.parse(raw);
    if (t.query(TemporalQueries.zone()) != null) {
      throw new CoercionException("has a time zone, which a time column would silently drop");
    }
    LocalTime time = format.time(t);
    int subMicro = time.getNano() % 1000;
    if (subMicro == 0) return time;
    // round to what PostgreSQL stores; 23:59:59.9999995 becomes 24:00:00
    LocalTime down = time.minusNanos(subMicro);
    if (subMicro < 500) return down;
    return down.equals(LocalTime.MAX.minusNanos(999)) ? LocalTime.MAX : down.plusNanos(1000);
  }
}
