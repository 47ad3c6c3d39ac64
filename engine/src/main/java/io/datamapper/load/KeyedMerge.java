package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.db.ImportRole;
import io.datamapper.db.TableLock;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the staged rows of a keyed import into the target by the duplicate-row rule, in SQL: {@code
 * skip} inserts the new keys (when {@link DirectKeys} did not load them already); {@code update}
 * keeps pre-images of the rows it changes (for undo), updates those and inserts new keys; {@code
 * error} refuses a key repeated in the file or already in the table; {@code keep} inserts every
 * row. Counts duplicates in the file (only the first or last row of a key loads) and in the table.
 * Runs as the import role, but the pre-images go into {@code datamapper.row_images} as the
 * connecting user. Not thread-safe.
 */
final class KeyedMerge {
  static final String PICKED = "pg_temp.datamapper_picked";

  /** What the merge did. {@code duplicateInTable} counts staged keys that were already loaded. */
  record Counts(long inserted, long updated, long duplicateInFile, long duplicateInTable) {}

  private final Connection c;
  private final ImportRole role;
  private final TargetSpec table;
  private final LoadPlan plan;
  private final List<String> keys;
  private final List<String> keyNames;
  private final String target;
  private final Long importId;
  private final String fileName;
  private final List<String> columns;
  private ChildMerge children;
  private long dropped = -1;

  KeyedMerge(
      Connection c,
      ImportRole role,
      LoadPlan plan,
      List<String> keys,
      TargetSpec table,
      String target,
      Long importId,
      String fileName) {
    this.c = c;
    this.role = role;
    this.table = table;
    this.plan = plan;
    this.keys = keys.stream().map(Identifiers::quote).toList();
    this.keyNames = List.copyOf(keys);
    this.target = target;
    this.importId = importId;
    this.fileName = fileName;
    this.columns = plan.columns().stream().map(b -> Identifiers.quote(b.spec().name())).toList();
  }

  /**
   * Under {@code update}, a parent whose child rows differ from the file's counts as changed too:
   * it is updated (with a pre-image) and {@code children} replaces its child rows after the merge.
   */
  KeyedMerge withChildren(ChildMerge children) {
    this.children = children;
    return this;
  }

  /** For {@code update}: the rows of repeated keys {@link DirectKeys} left out of staging. */
  KeyedMerge repeatsDropped(long rows) {
    dropped = rows;
    return this;
  }

  Counts apply(Policies.DuplicateRow rule, Policies.Keep keep, long staged) throws SQLException {
    // merges into one table take turns (the table's advisory lock, held to the commit): two
    // imports inserting overlapping keys in different orders would otherwise each wait for
    // the other's rows, a deadlock; the staging COPYs before this still run side by side
    TableLock.lock(c, table.schema(), table.table());
    // counting and picking keys hash a million keys without spilling to disk
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL work_mem = '64MB'");
    }
    return switch (rule) {
      case SKIP -> skip(keep, staged);
      case UPDATE -> update(keep, staged);
      case ERROR -> error(staged);
      case KEEP -> keepAll(staged);
    };
  }

  private Counts skip(Policies.Keep keep, long staged) throws SQLException {
    long distinct = distinctKeys();
    // a temporary table is scanned in the order COPY wrote it (no synchronized or parallel
    // scans of local buffers), so DO NOTHING keeps the first row of each key; for the last,
    // pick one row per key first. Keys already loaded are left out by an anti-join (one
    // hash or index lookup each) before the insert, whose ON CONFLICT then only arbitrates
    // against concurrent imports.
    String from = keep == Policies.Keep.FIRST ? Staging.TABLE : pick(keep);
    long inserted =
        update(
            insertFrom(from)
                + " s WHERE NOT EXISTS (SELECT 1 FROM "
                + target
                + " t WHERE "
                + keyJoin("t", "s")
                + ")"
                + " ON CONFLICT ("
                + String.join(", ", keys)
                + ") DO NOTHING",
            true);
    return new Counts(inserted, 0, staged - distinct, distinct - inserted);
  }

  private Counts update(Policies.Keep keep, long staged) throws SQLException {
    // with repeats dropped while streaming (DirectKeys) the staged keys are unique already
    String picked = dropped >= 0 ? Staging.TABLE : pick(keep);
    long distinct = dropped >= 0 ? staged : count("SELECT count(*) FROM " + picked);
    // a parent whose children differ from the file's is changed too (see withChildren)
    if (children != null) children.before(c, picked, target, columns);
    String changed =
        "(("
            + KeySql.prefixed("t", columns)
            + ") IS DISTINCT FROM ("
            + KeySql.prefixed("p", columns)
            + ")"
            + (children == null ? "" : children.orChanged("p"))
            + ")";
    if (importId != null) {
      String prev = plan.withLineage() ? "t." + Identifiers.quote(Identifiers.IMPORT_ID) : "NULL";
      role.leave(c);
      update(
          "INSERT INTO datamapper.row_images (import_id, prev_import_id, before) SELECT "
              + importId
              + ", "
              + prev
              + ", to_jsonb(t) FROM "
              + target
              + " t JOIN "
              + picked
              + " p ON "
              + keyJoin("t", "p")
              + " WHERE "
              + changed,
          false);
      role.enter(c);
    }
    // loaded keys: only changed rows are rewritten (an upsert locks, so writes, every row it
    // matches); then new keys, whose ON CONFLICT only meets keys outside writers just added
    // -Ddatamapper.keyed.direct=false: one upsert of every row, as before (for benchmarks)
    boolean split = !"false".equalsIgnoreCase(System.getProperty("datamapper.keyed.direct"));
    long updated =
        !split
            ? 0
            : update(
                "UPDATE "
                    + target
                    + " t SET "
                    + String.join(", ", sets("p"))
                    + " FROM "
                    + picked
                    + " p WHERE "
                    + keyJoin("t", "p")
                    + " AND "
                    + changed,
                true);
    String sql =
        "WITH u AS (INSERT INTO "
            + target
            + " AS t ("
            + insertColumns()
            + ") SELECT "
            + selectColumns()
            + " FROM "
            + picked
            + (split ? " p WHERE NOT EXISTS (SELECT 1 FROM " + target + " o WHERE " : " p")
            + (split ? keyJoin("o", "p") + ")" : "")
            + " ON CONFLICT ("
            + String.join(", ", keys)
            + ") DO UPDATE SET "
            + String.join(", ", sets("EXCLUDED"))
            + " WHERE ("
            + KeySql.prefixed("t", columns)
            + ") IS DISTINCT FROM ("
            + KeySql.prefixed("EXCLUDED", columns)
            + ")"
            + (children == null ? "" : children.orChanged("EXCLUDED"))
            + " RETURNING (t.xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM u";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindLineage(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long inserted = rs.getLong(1);
        updated += rs.getLong(2);
        long inFile = Math.max(dropped, 0) + staged - distinct;
        return new Counts(inserted, updated, inFile, distinct - inserted);
      }
    }
  }

  /** {@code col = from.col} for every mapped column; lineage from the statement's parameter. */
  private List<String> sets(String from) {
    List<String> sets = new ArrayList<>();
    for (String col : columns) sets.add(col + " = " + from + "." + col);
    if (plan.withLineage()) {
      String lineage = Identifiers.quote(Identifiers.IMPORT_ID);
      sets.add(lineage + (from.equals("EXCLUDED") ? " = EXCLUDED." + lineage : " = ?::bigint"));
    }
    return sets;
  }

  private Counts error(long staged) throws SQLException {
    List<String> problems = new ArrayList<>();
    String keyText = KeySql.values(keys, "s");
    // the key's names for messages, put together in Java, never sent to SQL as text
    String keyName =
        keyNames.size() == 1 ? keyNames.get(0) : "(" + String.join(", ", keyNames) + ")";
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + keyText
                    + ", array_agg(coalesce(nullif(s."
                    + Staging.LINE
                    + ", 0), s."
                    + Staging.RECORD
                    + ") ORDER BY s."
                    + Staging.RECORD
                    + ")::text, count(*) OVER () FROM "
                    + Staging.TABLE
                    + " s GROUP BY "
                    + KeySql.prefixed("s", keys)
                    + " HAVING count(*) > 1 ORDER BY min(s."
                    + Staging.RECORD
                    + ") LIMIT 5")) {
      long total = 0;
      while (rs.next()) {
        total = rs.getLong(3);
        problems.add(
            keyName
                + "="
                + rs.getString(1)
                + " on lines "
                + rs.getString(2).replaceAll("[{}]", "").replace(",", ", "));
      }
      if (total > 0) {
        throw new DataMapperException(
            fileName
                + ": "
                + total
                + (total == 1 ? " key appears" : " keys appear")
                + " more than once in the file (policies.duplicateRow: error): "
                + String.join("; ", problems)
                + (total > problems.size() ? "; ..." : "")
                + ". Nothing was imported.");
      }
    }
    String lineage =
        plan.withLineage() ? ", t." + Identifiers.quote(Identifiers.IMPORT_ID) : ", NULL";
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + keyText
                    + ", coalesce(nullif(s."
                    + Staging.LINE
                    + ", 0), s."
                    + Staging.RECORD
                    + ")"
                    + lineage
                    + ", count(*) OVER () FROM "
                    + Staging.TABLE
                    + " s JOIN "
                    + target
                    + " t ON "
                    + keyJoin("s", "t")
                    + " ORDER BY s."
                    + Staging.RECORD
                    + " LIMIT 5")) {
      long total = 0;
      while (rs.next()) {
        total = rs.getLong(4);
        Object by = rs.getObject(3);
        problems.add(
            keyName
                + "="
                + rs.getString(1)
                + " (line "
                + rs.getLong(2)
                + (by == null ? "" : ", loaded by import #" + by)
                + ")");
      }
      if (total > 0) {
        throw new DataMapperException(
            fileName
                + ": "
                + total
                + (total == 1 ? " row has a key" : " rows have keys")
                + " already in "
                + target
                + " (policies.duplicateRow: error): "
                + String.join("; ", problems)
                + (total > problems.size() ? "; ..." : "")
                + ". Nothing was imported.");
      }
    }
    long inserted = update(insertFrom(Staging.TABLE), true);
    return new Counts(inserted, 0, 0, 0);
  }

  private Counts keepAll(long staged) throws SQLException {
    long distinct = distinctKeys();
    long inTable =
        count(
            "SELECT count(*) FROM "
                + Staging.TABLE
                + " s WHERE EXISTS (SELECT 1 FROM "
                + target
                + " t WHERE "
                + keyJoin("s", "t")
                + ")");
    long inserted = update(insertFrom(Staging.TABLE), true);
    return new Counts(inserted, 0, staged - distinct, inTable);
  }

  /** One row per key, the first or last in the file, in a temporary table; returns its name. */
  private String pick(Policies.Keep keep) throws SQLException {
    update(KeySql.pick(keys, keep == Policies.Keep.FIRST, PICKED), false);
    return PICKED;
  }

  private long distinctKeys() throws SQLException {
    // count(DISTINCT) sorts the keys alone, several times faster here than hashing a million groups
    String key = keys.size() == 1 ? keys.get(0) : "(" + String.join(", ", keys) + ")";
    return count("SELECT count(DISTINCT " + key + ") FROM " + Staging.TABLE);
  }

  /** {@code INSERT INTO target (...) SELECT ... FROM source}: every mapped column, and lineage. */
  private String insertFrom(String source) {
    return "INSERT INTO "
        + target
        + " ("
        + insertColumns()
        + ") SELECT "
        + selectColumns()
        + " FROM "
        + source;
  }

  private String insertColumns() {
    List<String> names = new ArrayList<>(columns);
    if (plan.withLineage()) names.add(Identifiers.quote(Identifiers.IMPORT_ID));
    return String.join(", ", names);
  }

  private String selectColumns() {
    return String.join(", ", columns) + (plan.withLineage() ? ", ?::bigint" : "");
  }

  private String keyJoin(String a, String b) {
    return KeySql.join(keys, a, b);
  }

  private long update(String sql, boolean lineageParameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (lineageParameter) bindLineage(ps);
      return ps.executeLargeUpdate();
    }
  }

  private void bindLineage(PreparedStatement ps) throws SQLException {
    if (!plan.withLineage()) return;
    if (importId == null) ps.setNull(1, Types.BIGINT);
    else ps.setLong(1, importId);
  }

  private long count(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
