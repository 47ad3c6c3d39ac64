package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.db.SqlFailures;
import io.datamapper.format.DecompressionLimits;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.format.RecordReaders;
import io.datamapper.format.SourceInput;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The first rows of a source as an import would store them: each record goes through the same plan
 * as an import (the mapping checked against the file's fields and, when it exists, the target
 * table; transforms, defaults, nullability and type parsing), but nothing is written and the ledger
 * is not touched. A row that an import would reject carries its {@link RowProblem} instead of
 * values. Immutable.
 *
 * @param columns the target columns, in order
 * @param types the type each column is loaded as (the existing table's, where it differs from the
 *     mapping)
 * @param rows the previewed rows, in file order
 * @param notes what the plan noted (types taken from the existing table, fields absent in the first
 *     records)
 */
public record Preview(
    List<String> columns, List<String> types, List<Row> rows, List<String> notes) {

  /**
   * One record: its number and line, and either its stored values (as text, null for NULL) or the
   * problem.
   */
  public record Row(long record, long line, List<String> values, RowProblem problem) {
    public boolean rejected() {
      return problem != null;
    }
  }

  public Preview {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /**
   * Maps the first {@code limit} records of {@code source} through {@code mapping}. {@code
   * dataSource} (nullable) is used only to read the target table's columns, so the preview coerces
   * to the types an import into that table would use.
   *
   * @throws io.datamapper.mapping.MappingException when the mapping does not fit the file or table
   * @throws io.datamapper.format.BadFileException when the file cannot be read
   */
  public static Preview of(ImportSource source, Mapping mapping, int limit, DataSource dataSource) {
    return of(source, mapping, limit, dataSource, ReadLimits.DEFAULT);
  }

  /**
   * As {@link #of(ImportSource, Mapping, int, DataSource)}, read within {@code limits} (an
   * importer's: {@link Importer#limits()}).
   */
  public static Preview of(
      ImportSource source, Mapping mapping, int limit, DataSource dataSource, ReadLimits limits) {
    if (limit < 1) throw new IllegalArgumentException("limit must be positive, not " + limit);
    Map<String, TargetTable.Column> existing = existing(mapping, dataSource);
    List<String> requested =
        mapping.columns().stream()
            .map(ColumnSpec::source)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    try (InputStream raw = source.opener().open()) {
      SourceInput.Opened input =
          SourceInput.open(
              raw, source.name(), mapping.source().format(), DecompressionLimits.DEFAULT);
      try (RecordReader reader =
          RecordReaders.open(
              input.stream(),
              mapping.source().withFormat(input.format()),
              source.name(),
              requested,
              limits)) {
        LoadPlan plan = LoadPlan.create(mapping, reader.fields(), reader.sampledFields(), existing);
        RowMapper mapper = new RowMapper(plan, limits);
        Object[] values = new Object[mapper.width()];
        List<Row> rows = new ArrayList<>();
        for (RawRecord r = reader.next(); r != null && rows.size() < limit; r = reader.next()) {
          if (mapper.map(r, values)) {
            List<String> text = new ArrayList<>(values.length);
            for (Object v : values) text.add(display(v));
            rows.add(new Row(r.number(), r.line(), text, null));
          } else {
            rows.add(new Row(r.number(), r.line(), List.of(), mapper.problem()));
          }
        }
        List<String> columns = plan.columns().stream().map(b -> b.spec().name()).toList();
        List<String> types = plan.columns().stream().map(b -> b.type().spelling()).toList();
        return new Preview(columns, types, rows, plan.notes());
      }
    } catch (IOException e) {
      throw new DataMapperException("Cannot read " + source.name() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, TargetTable.Column> existing(Mapping mapping, DataSource dataSource) {
    if (dataSource == null) return null;
    try (Connection c = dataSource.getConnection()) {
      Optional<Map<String, TargetTable.Column>> columns =
          TargetTable.describe(c, mapping.target().schema(), mapping.target().table());
      return columns.orElse(null);
    } catch (SQLException e) {
      throw SqlFailures.onInput(
          "Cannot read the columns of " + mapping.target().qualifiedName(), e);
    }
  }

  /**
   * A typed value as a person reads it in PostgreSQL's own text form (dates ISO, timestamps with a
   * space).
   */
  static String display(Object v) {
    return switch (v) {
      case null -> null;
      case BigDecimal d -> d.toPlainString();
      case LocalDateTime t -> t.toString().replace('T', ' ');
      case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toString().replace('T', ' ');
      case Instant i -> i.atOffset(ZoneOffset.UTC).toString().replace('T', ' ');
      case ZonedDateTime z ->
          z.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC).toString().replace('T', ' ');
      case Collection<?> list ->
          "{"
              + String.join(",", list.stream().map(e -> e == null ? "NULL" : display(e)).toList())
              + "}";
      default -> v.toString();
    };
  }
}
