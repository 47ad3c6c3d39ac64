package io.datamapper.coerce;

import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/** {@code date}: ISO {@code yyyy-MM-dd} by hand, or the column's pattern; PostgreSQL's range. */
record DateParser(TemporalFormat format) implements ValueParser {

  @Override
  public void parseTo(String raw, ValueSink sink) {
    if (format != null) {
      sink.value(parse(raw));
      return;
    }
    long day = FixedIso.date(raw);
    if (day == FixedIso.NONE) day = isoEpochDay(raw);
    sink.date((int) (day - PgCalendar.PG_EPOCH_DAY));
  }

  /** Days since 1970-01-01 of an ISO date in PostgreSQL's range. */
  private static long isoEpochDay(String raw) {
    IsoDateTime iso = IsoDateTime.parse(raw, IsoDateTime.Shape.DATE);
    if (iso.epochDay > PgCalendar.MAX_DATE_EPOCH_DAY)
      throw new CoercionException(PgCalendar.DATE_RANGE);
    return iso.epochDay;
  }

  @Override
  public Object parse(String raw) {
    if (format == null) {
      IsoDateTime iso = IsoDateTime.parse(raw, IsoDateTime.Shape.DATE);
      if (iso.epochDay > PgCalendar.MAX_DATE_EPOCH_DAY)
        throw new CoercionException(PgCalendar.DATE_RANGE);
      return LocalDate.of(iso.year, iso.month, iso.day);
    }
    TemporalAccessor t = format.parse(raw);
    if (t.query(TemporalQueries.localTime()) != null) {
      throw new CoercionException("has a time of day, which a date column would silently drop");
    }
    LocalDate date = format.date(t);
    long day = date.toEpochDay();
    if (day < PgCalendar.MIN_EPOCH_DAY || day > PgCalendar.MAX_DATE_EPOCH_DAY) {
      throw new CoercionException(PgCalendar.DATE_RANGE);
    }
    return date;
  }
}
