package io.datamapper.coerce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * {@code timestamp} and {@code timestamptz}: ISO date and time joined by {@code T} or a space, by
 * hand, or the column's pattern; a date alone means midnight. For {@code timestamptz} an offset or
 * {@code Z} may follow and its absence means UTC; a plain {@code timestamp} refuses offsets rather
 * than drop them as PostgreSQL would. Values must fall in PostgreSQL's range after conversion to
 * UTC.
 */
record TimestampParser(boolean withZone, TemporalFormat format) implements ValueParser {

  @Override
  public Object parse(String raw) {
    return format == null ? parseIso(raw) : parseFormatted(raw);
  }

  @Override
  public void parseTo(String raw, ValueSink sink) {
    if (format != null) {
      sink.value(parseFormatted(raw));
      return;
    }
    long micros = FixedIso.pgMicros(raw, withZone);
    if (micros == FixedIso.NONE) {
      IsoDateTime iso = parseIsoFields(raw);
      long microOfDay = iso.microOfDay - iso.offsetSeconds * 1_000_000L;
      micros = (iso.epochDay - PgCalendar.PG_EPOCH_DAY) * PgCalendar.MICROS_PER_DAY + microOfDay;
    }
    sink.timestamp(micros);
  }

  /** The fields of an ISO timestamp whose UTC time falls within PostgreSQL's range. */
  private IsoDateTime parseIsoFields(String raw) {
    IsoDateTime iso =
        IsoDateTime.parse(
            raw, withZone ? IsoDateTime.Shape.TIMESTAMPTZ : IsoDateTime.Shape.TIMESTAMP);
    long micros = iso.microOfDay - iso.offsetSeconds * 1_000_000L;
    if (!PgCalendar.timestampInRange(iso.epochDay, micros))
      throw new CoercionException(PgCalendar.TIMESTAMP_RANGE);
    return iso;
  }

  private Object parseIso(String raw) {
    IsoDateTime iso = parseIsoFields(raw);
    long micros = iso.microOfDay - iso.offsetSeconds * 1_000_000L;
    if (withZone) {
      long seconds = iso.epochDay * 86_400 + Math.floorDiv(micros, 1_000_000L);
      return Instant.ofEpochSecond(seconds, Math.floorMod(micros, 1_000_000L) * 1000);
    }
    LocalDate date =
        micros < PgCalendar.MICROS_PER_DAY
            ? LocalDate.of(iso.year, iso.month, iso.day)
            : LocalDate.ofEpochDay(iso.epochDay + micros / PgCalendar.MICROS_PER_DAY);
    return LocalDateTime.of(date, LocalTime.ofNanoOfDay(micros % PgCalendar.MICROS_PER_DAY * 1000));
  }

  private Object parseFormatted(String raw) {
    TemporalAccessor t = format.parse(raw);
    LocalDate date = format.date(t);
    LocalTime time = t.query(TemporalQueries.localTime());
    LocalDateTime local = time == null ? date.atStartOfDay() : LocalDateTime.of(date, time);
    int subMicro = local.getNano() % 1000;
    if (subMicro != 0)
      local = local.minusNanos(subMicro).plusNanos(subMicro < 500 ? 0 : 1000); // as stored
    ZoneId zone = t.query(TemporalQueries.zone());
    if (zone != null && !withZone) {
      throw new CoercionException(
          "has a time zone, which a timestamp column would silently drop; use a timestamptz column");
    }
    Instant instant = local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400);
    if (!PgCalendar.timestampInRange(day, Math.floorMod(seconds, 86_400) * 1_000_000L)) {
      throw new CoercionException(PgCalendar.TIMESTAMP_RANGE);
    }
    return withZone ? instant : local;
  }
}
