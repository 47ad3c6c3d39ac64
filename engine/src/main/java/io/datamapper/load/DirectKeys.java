package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.db.TableLock;
import io.datamapper.format.RecordReader;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The direct path of a keyed {@code duplicateRow: skip} import (first row of a key kept): the
 * target's keys are read once into a {@link KeySeen}, under the table's advisory lock, and the
 * file's rows whose key is new are COPYed straight into the target; repeated keys are only counted.
 * This saves the staging table and the second pass inside PostgreSQL. It needs the whole set of
 * keys in memory, so it is used only when the keys fit {@link #budget()}; a row with a null key
 * part, a file bringing more new keys than fit, or a unique violation (a writer outside Data
 * Mapper, or keys PostgreSQL deems equal and Java not) throw {@link Fallback}, and the import runs
 * again through the staging table. For {@code update} keeping the first row, {@link #repeats} only
 * drops repeated keys before staging. Off with {@code -Ddatamapper.keyed.direct=false}. Not
 * thread-safe.
 */
final class DirectKeys {
  /** Why a direct run stopped; the importer rolls it back and runs the staging path instead. */
  static final class Fallback extends RuntimeException {
    Fallback(String why) {
      super(why, null, false, false);
    }
  }

  private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

  private final int[] at;
  private final KeySeen seen;

  private DirectKeys(int[] at, KeySeen seen) {
    this.at = at;
    this.seen = seen;
  }

  /**
   * Whether the rule and mapping allow the direct path (the table's key types are checked later).
   */
  static boolean applies(Mapping mapping, boolean hasLookups, boolean hasChildren) {
    return mapping.keyed()
        && mapping.duplicateRule() == Policies.DuplicateRow.SKIP
        && mapping.policies().keep() == Policies.Keep.FIRST
        && !hasLookups
        && !hasChildren
        && !"false".equalsIgnoreCase(System.getProperty("datamapper.keyed.direct"));
  }

  /**
   * Takes the table's lock and reads the keys of {@code into} (none when {@code empty}); null when
   * a key type cannot be compared in Java or the keys do not fit (then the staging path runs, as
   * before).
   */
  static DirectKeys read(
      Connection c, TargetSpec target, String into, LoadPlan plan, List<String> keys, boolean empty)
      throws SQLException {
    int[] at = positions(plan, keys);
    List<String> types = at == null ? null : keyTypes(c, into, keys);
    if (types == null) return null;
    boolean single = at.length == 1 && INTEGERS.contains(types.get(0));
    long budget = budget();
    KeySeen seen = single ? new KeySeen.Longs(budget) : new KeySeen.Objects(budget);
    // the lock keeps other Data Mapper merges into the table out until this import commits, so
    // the keys read now stay the table's keys (but for writers outside Data Mapper)
    TableLock.lock(c, target.schema(), target.table());
    // a table created or emptied in this transaction has no keys; not reading it also leaves
    // no cursor behind, which would keep the COPY from freezing the rows
    if (empty) return new DirectKeys(at, seen);
    String cols = String.join(", ", keys.stream().map(Identifiers::quote).toList());
    try (Statement s = c.createStatement()) {
      s.setFetchSize(50_000);
      try (ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + into)) {
        while (rs.next()) {
          // a key with a null part (a nullable column) equals no other key: leave it out
          Object[] parts = new Object[at.length];
          boolean hasNull = false;
          for (int i = 0; i < at.length; i++) {
            parts[i] = INTEGERS.contains(types.get(i)) ? rs.getLong(i + 1) : rs.getObject(i + 1);
            hasNull |= rs.wasNull();
          }
          if (hasNull) continue;
          Object key = at.length == 1 ? parts[0] : Arrays.asList(parts);
          if (!seen.addFromTable(key)) return null;
        }
      }
    }
    return new DirectKeys(at, seen);
  }

  /**
   * For a keyed {@code update} keeping the first row of a key: the file's keys only, so the rows of
   * repeated keys are dropped before staging (no picking in SQL); null when the key types or rule
   * do not allow it. The update already holds the table's lock.
   */
  static DirectKeys repeats(Connection c, Mapping mapping, String into, LoadPlan plan)
      throws SQLException {
    if (!mapping.keyed()
        || mapping.duplicateRule() != Policies.DuplicateRow.UPDATE
        || mapping.policies().keep() != Policies.Keep.FIRST
        || "false".equalsIgnoreCase(System.getProperty("datamapper.keyed.direct"))) return null;
    List<String> keys = mapping.keys();
    int[] at = positions(plan, keys);
    List<String> types = at == null ? null : keyTypes(c, into, keys);
    if (types == null) return null;
    boolean single = at.length == 1 && INTEGERS.contains(types.get(0));
    return new DirectKeys(at, single ? new KeySeen.Longs(budget()) : new KeySeen.Objects(budget()));
  }

  /** Rows of keys repeated in the file, left out. */
  long repeated() {
    return seen.duplicateInFile;
  }

  private static int[] positions(LoadPlan plan, List<String> keys) {
    int[] at = new int[keys.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = -1;
      for (int j = 0; j < plan.columns().size(); j++)
        if (plan.columns().get(j).spec().name().equals(keys.get(i))) at[i] = j;
      if (at[i] < 0) return null;
    }
    return at;
  }

  /**
   * Whether the row is loaded: true for a new key; false for a duplicate (counted). Throws {@link
   * Fallback} for a null key part or when the keys no longer fit.
   */
  boolean admit(Object[] row) {
    Object key;
    if (at.length == 1) {
      key = row[at[0]];
      if (key == null) throw new Fallback("a row has no key");
      if (key instanceof Number n) key = n.longValue();
    } else {
      Object[] parts = new Object[at.length];
      for (int i = 0; i < at.length; i++) {
        Object v = row[at[i]];
        if (v == null) throw new Fallback("a row has a null key part");
        parts[i] = v instanceof Number n ? n.longValue() : v;
      }
      key = Arrays.asList(parts);
    }
    int fate = seen.visit(key);
    if (fate == KeySeen.FULL) throw new Fallback("more new keys than fit in memory");
    return fate == KeySeen.NEW;
  }

  /**
   * Streams the file into {@code into}, new keys only; a unique violation (a writer outside Data
   * Mapper added one of the keys since they were read) ends in {@link Fallback}.
   */
  KeyedMerge.Counts load(
      RowStream rows,
      Connection c,
      RecordReader reader,
      LoadPlan plan,
      FileFingerprint fingerprint,
      String into,
      boolean fresh)
      throws SQLException, IOException {
    rows.direct(this);
    long inserted;
    try {
      inserted = rows.copyToTarget(c, reader, plan, fingerprint, into, fresh);
    } catch (DataMapperException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql && "23505".equals(sql.getSQLState()))
          throw new Fallback("a key was added to the table meanwhile: " + sql.getMessage());
      }
      throw e;
    } finally {
      rows.direct(null);
    }
    return new KeyedMerge.Counts(inserted, 0, seen.duplicateInFile, seen.duplicateInTable);
  }

  /**
   * The heap the keys may take: a sixth of the maximum heap, or {@code
   * -Ddatamapper.keyed.directBudget} bytes (tests use a small one).
   */
  static long budget() {
    String set = System.getProperty("datamapper.keyed.directBudget");
    if (set != null) return Long.parseLong(set);
    return Runtime.getRuntime().maxMemory() / 6;
  }

  /**
   * The key columns' types as {@code format_type} prints them, or null when one is not a type whose
   * values Java compares as PostgreSQL does (integers, uuid, text or varchar with a deterministic
   * collation).
   */
  private static List<String> keyTypes(Connection c, String into, List<String> keys)
      throws SQLException {
    String sql =
        "SELECT format_type(a.atttypid, a.atttypmod), coalesce(co.collisdeterministic, true) "
            + "FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation "
            + "WHERE a.attrelid = ?::regclass AND a.attname = ? AND NOT a.attisdropped";
    List<String> types = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String k : keys) {
        ps.setString(1, into);
        ps.setString(2, k);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || !rs.getBoolean(2)) return null;
          String type = rs.getString(1);
          boolean fits =
              INTEGERS.contains(type)
                  || type.equals("uuid")
                  || type.equals("text")
                  || type.startsWith("character varying");
          if (!fits) return null;
          types.add(type);
        }
      }
    }
    return types;
  }
}
