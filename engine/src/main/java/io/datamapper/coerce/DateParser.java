package io.datamapper.coerce;

import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/** {@code date}: ISO {@code yyyy-MM-dd} by hand, or the column's pattern; PostgreSQL's range. */
record DateParser(TemporalFormat format) implements ValueParser {

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
