package io.datamapper.load;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueParser;
import io.datamapper.db.ImportRole;
import io.datamapper.db.InternalSchemas;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Lookup;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping's lookup columns checked against the looked-up tables before any row moves, and the
 * staging columns that carry each row's match values (typed as the looked-up columns, so a value
 * that cannot match is a bad row while streaming). The lookups themselves run in SQL once the file
 * is staged ({@link LookupResolver}): one join of the staging table against each looked-up table,
 * never a query per row. Immutable; not tied to a connection.
 */
final class LookupPlan {
  /** The raw record of each staged row, kept only when a lookup may reject rows. */
  static final String RAW = "_dm_raw";

  /**
   * One lookup column: its index among the plan's columns, the looked-up table (quoted and as
   * shown), the match columns with the file's field indexes and parsers, and where its match values
   * sit in the staged row.
   */
  record Planned(
      LoadPlan.Bound bound,
      Lookup lookup,
      String table,
      String shown,
      List<String> matchColumns,
      List<String> sourceFields,
      int[] sourceIndexes,
      List<ColumnType> matchTypes,
      List<ValueParser> parsers,
      List<String> stageColumns,
      int stageOffset) {

    /** Whether a row this lookup cannot resolve is rejected (mode reject, or a required column). */
    boolean rejects() {
      return lookup.missing() == Lookup.Missing.REJECT || bound.required();
    }
  }

  private final List<Planned> lookups;
  private final boolean keepRaw;
  private final int rawIndex;

  private LookupPlan(List<Planned> lookups, boolean keepRaw, int rawIndex) {
    this.lookups = List.copyOf(lookups);
    this.keepRaw = keepRaw;
    this.rawIndex = rawIndex;
  }

  List<Planned> lookups() {
    return lookups;
  }

  /**
   * Refuses lookups into Data Mapper's or PostgreSQL's own schemas, by name and through the catalog
   * (before the import's transaction, like the target).
   */
  static void refuseInternal(Connection c, Mapping mapping) throws SQLException {
    List<String> problems = new ArrayList<>();
    for (ColumnSpec col : mapping.columns()) {
      if (!col.lookedUp()) continue;
      String schema = col.lookup().schemaOr(mapping.target().schema());
      if (InternalSchemas.problem(schema) != null
          || InternalSchemas.internalInCatalog(c, schema).orElse(false)) {
        problems.add(
            "column '"
                + col.name()
                + "': lookup.table: schema '"
                + schema
                + "' is internal to PostgreSQL or Data Mapper; a lookup cannot read it");
      }
    }
    if (!problems.isEmpty()) throw new MappingException(problems);
  }

  /**
   * Lets the import role read (and for {@code missing: insert}, add to) every looked-up table;
   * returns the role the import runs as (see {@link ImportRole#alsoLookingUp}).
   */
  static ImportRole grant(Connection c, Mapping mapping, ImportRole role) throws SQLException {
    for (ColumnSpec col : mapping.columns()) {
      if (!col.lookedUp()) continue;
      role =
          role.alsoLookingUp(
              c,
              col.lookup().schemaOr(mapping.target().schema()),
              col.lookup().table(),
              col.lookup().missing() == Lookup.Missing.INSERT);
    }
    return role;
  }

  /** Adds the lookups' columns to the freshly created (empty) staging table. */
  void addStagingColumns(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String definition : stageColumnDefinitions())
        s.execute("ALTER TABLE " + Staging.TABLE + " ADD COLUMN " + definition);
    }
  }

  /**
   * Plans the lookups of {@code plan}'s columns, or returns null when there are none. {@code
   * keepRaw}: whether rejected rows are stored (so their raw record must be staged).
   *
   * @throws MappingException naming the column, for a missing table, column, field or unique index
   */
  static LookupPlan create(
      Connection c, Mapping mapping, LoadPlan plan, List<String> fields, boolean keepRaw)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    List<Planned> planned = new ArrayList<>();
    int offset = plan.columns().size() + 2; // after the plan's columns, record and line
    int n = 0;
    for (LoadPlan.Bound b : plan.columns()) {
      if (!b.spec().lookedUp()) continue;
      n++;
      Lookup lookup = b.spec().lookup();
      String label = "column '" + b.spec().name() + "': lookup";
      String schema = lookup.schemaOr(mapping.target().schema());
      String shown = schema + "." + lookup.table();
      Optional<Map<String, TargetTable.Column>> described =
          TargetTable.describe(c, schema, lookup.table());
      if (described.isEmpty()) {
        problems.add(label + ".table: table " + shown + " does not exist");
        continue;
      }
      Map<String, TargetTable.Column> columns = described.get();
      String has = " (it has: " + String.join(", ", columns.keySet()) + ")";
      List<String> matchColumns = new ArrayList<>();
      List<String> sourceFields = new ArrayList<>();
      List<ColumnType> types = new ArrayList<>();
      List<ValueParser> parsers = new ArrayList<>();
      List<String> stage = new ArrayList<>();
      int[] indexes = new int[lookup.match().size()];
      int j = 0;
      for (Map.Entry<String, String> m : lookup.match().entrySet()) {
        TargetTable.Column col = columns.get(m.getKey());
        int index = LoadPlan.findField(fields, m.getValue(), 0);
        if (col == null) {
          problems.add(label + ".match: " + shown + " has no column '" + m.getKey() + "'" + has);
        } else if (TargetTable.typeOf(col.type()) == null) {
          problems.add(
              label
                  + ".match: column '"
                  + m.getKey()
                  + "' has type "
                  + col.type()
                  + ", which a lookup cannot match");
        }
        if (index < 0) {
          problems.add(
              label
                  + ".match."
                  + m.getKey()
                  + ": source field \""
                  + m.getValue()
                  + "\" is not in the file");
        }
        if (col == null || index < 0 || TargetTable.typeOf(col.type()) == null) continue;
        ColumnType type = TargetTable.typeOf(col.type());
        matchColumns.add(m.getKey());
        sourceFields.add(m.getValue());
        types.add(type);
        parsers.add(ValueParser.forColumn(type, null));
        stage.add("_dm_l" + n + "_" + (j + 1));
        indexes[j++] = index;
      }
      TargetTable.Column returned = columns.get(lookup.returns());
      if (returned == null) {
        problems.add(
            label + ".return: " + shown + " has no column '" + lookup.returns() + "'" + has);
      }
      if (matchColumns.size() != lookup.match().size() || returned == null) continue;
      if (!TargetTable.hasUniqueIndex(c, schema, lookup.table(), matchColumns)) {
        String cols = String.join(", ", matchColumns.stream().map(Identifiers::quote).toList());
        problems.add(
            label
                + ": "
                + shown
                + " has no unique index on ("
                + cols
                + "), so a value could match several rows; create one (CREATE UNIQUE INDEX ON "
                + Identifiers.qualified(schema, lookup.table())
                + " ("
                + cols
                + "))");
      }
      if (lookup.missing() == Lookup.Missing.INSERT) {
        for (TargetTable.Column col : columns.values()) {
          boolean filled = matchColumns.contains(col.name()) || col.hasDefault();
          if (!filled && col.notNull())
            problems.add(
                label
                    + ": missing insert cannot add rows to "
                    + shown
                    + ": its column '"
                    + col.name()
                    + "' is NOT NULL without a default");
          else if (!filled && col.name().equals(lookup.returns()))
            problems.add(
                label
                    + ": missing insert needs the return column '"
                    + col.name()
                    + "' to have a default (a serial or identity key), or to be matched");
        }
      }
      planned.add(
          new Planned(
              b,
              lookup,
              Identifiers.qualified(schema, lookup.table()),
              shown,
              matchColumns,
              sourceFields,
              indexes,
              types,
              parsers,
              stage,
              offset));
      offset += stage.size();
    }
    if (!problems.isEmpty()) throw new MappingException(problems);
    if (planned.isEmpty()) return null;
    boolean raw = keepRaw && planned.stream().anyMatch(Planned::rejects);
    return new LookupPlan(planned, raw, raw ? offset : -1);
  }

  /** The staging columns after record and line: match values, then the raw record. */
  List<String> stageColumnDefinitions() {
    List<String> out = new ArrayList<>();
    for (Planned p : lookups)
      for (int j = 0; j < p.stageColumns().size(); j++)
        out.add(p.stageColumns().get(j) + " " + p.matchTypes().get(j).sql());
    if (keepRaw) out.add(RAW + " text");
    return out;
  }

  /** The COPY column list into the staging table. */
  List<String> copyColumns(LoadPlan plan) {
    List<String> names = new ArrayList<>(Staging.copyColumns(plan));
    for (Planned p : lookups) names.addAll(p.stageColumns());
    if (keepRaw) names.add(RAW);
    return names;
  }

  /** The types COPY sends into the staging table. */
  List<ColumnType> types(LoadPlan plan) {
    List<ColumnType> types = new ArrayList<>(Staging.types(plan));
    for (Planned p : lookups) types.addAll(p.matchTypes());
    if (keepRaw) types.add(ColumnType.TEXT);
    return types;
  }

  boolean keepsRaw() {
    return keepRaw;
  }

  /**
   * Puts the record's match values (parsed as the looked-up columns' types; empty means no value)
   * and, when kept, its raw text into {@code row}; returns the problem of a value that cannot be
   * matched, or null.
   */
  RowProblem fill(RawRecord record, Object[] row, java.util.function.Supplier<String> raw) {
    String[] values = record.values();
    for (Planned p : lookups) {
      for (int j = 0; j < p.sourceIndexes().length; j++) {
        int index = p.sourceIndexes()[j];
        String v = index < values.length ? values[index] : null;
        if (v == null || v.isEmpty()) {
          row[p.stageOffset() + j] = null;
          continue;
        }
        try {
          row[p.stageOffset() + j] = p.parsers().get(j).parse(v);
        } catch (CoercionException e) {
          return new RowProblem(
              record.number(),
              record.line(),
              p.bound().spec().name(),
              p.sourceFields().get(j),
              v,
              "cannot match " + p.shown() + "." + p.matchColumns().get(j) + ": " + e.getMessage(),
              RowProblem.BAD_VALUE);
        }
      }
    }
    if (keepRaw) row[rawIndex] = raw.get();
    return null;
  }
}
