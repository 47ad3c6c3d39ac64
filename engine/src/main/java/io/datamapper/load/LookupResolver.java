package io.datamapper.load;

import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Lookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the lookups of a staged file in SQL, one lookup at a time: with {@code missing: insert},
 * first inserts the distinct match values the looked-up table lacks; when the lookup rejects, one
 * anti-join finds the rows without a match ({@code lookup-missing}), which are handed to the reject
 * store and removed from staging; the values themselves are joined in while the rows move into the
 * target ({@link #insertAll}), or for a keyed import by one {@code UPDATE ... FROM} of the staging
 * table that the keyed merge then reads. Every statement is a hash or index join: one pass,
 * whatever the number of rows. Values from the file are never SQL text: they are staged by COPY and
 * compared in the database; every name was checked as an identifier and is quoted. Runs as the
 * import role. Not thread-safe.
 */
final class LookupResolver {
  /** Where rejected rows go: the import's reject store under its bad-rows policy. */
  interface Rejects {
    void reject(RowProblem problem, String raw);
  }

  private final Connection c;
  private final LookupPlan lookups;

  LookupResolver(Connection c, LookupPlan lookups) {
    this.c = c;
    this.lookups = lookups;
  }

  /**
   * Resolves every lookup; returns the number of staged rows removed as rejected, and adds a note
   * for each looked-up table that got new rows. {@code inPlace}: fill the lookup columns of the
   * staging table itself (one {@code UPDATE ... FROM} per lookup: what the keyed merge reads);
   * otherwise only reject, and let {@link #insertAll} join while it moves the rows (no second
   * version of every staged row).
   */
  long resolve(Rejects rejects, List<String> notes, boolean inPlace) throws SQLException {
    // a hash of a million match values stays in memory instead of spilling in batches
    execute("SET LOCAL work_mem = '128MB'");
    long removed = 0;
    for (LookupPlan.Planned p : lookups.lookups()) {
      if (p.lookup().missing() == Lookup.Missing.INSERT) {
        long added = insertMissing(p);
        if (added > 0)
          notes.add(
              "column '"
                  + p.bound().spec().name()
                  + "': added "
                  + added
                  + (added == 1 ? " row" : " rows")
                  + " to "
                  + p.shown()
                  + " for values it lacked (undo of this import leaves them)");
      }
      if (inPlace) {
        execute(
            "UPDATE "
                + Staging.TABLE
                + " s SET "
                + column(p)
                + " = "
                + returned(p, "t")
                + " FROM "
                + p.table()
                + " t WHERE "
                + join(p, "t"));
      }
      if (p.rejects()) {
        String unresolved =
            inPlace
                ? "s." + column(p) + " IS NULL"
                : "NOT EXISTS (SELECT 1 FROM "
                    + p.table()
                    + " t WHERE "
                    + join(p, "t")
                    + " AND t."
                    + Identifiers.quote(p.lookup().returns())
                    + " IS NOT NULL)";
        removed += rejectUnresolved(p, unresolved, rejects);
      }
    }
    return removed;
  }

  /** Inserts the distinct, complete match values the looked-up table does not have yet. */
  private long insertMissing(LookupPlan.Planned p) throws SQLException {
    List<String> staged = prefixed("s", p.stageColumns());
    List<String> present = new ArrayList<>();
    for (String s : staged) present.add(s + " IS NOT NULL");
    return execute(
        "INSERT INTO "
            + p.table()
            + " ("
            + String.join(", ", p.matchColumns().stream().map(Identifiers::quote).toList())
            + ") SELECT DISTINCT "
            + String.join(", ", staged)
            + " FROM "
            + Staging.TABLE
            + " s WHERE "
            + String.join(" AND ", present)
            + " AND NOT EXISTS (SELECT 1 FROM "
            + p.table()
            + " t WHERE "
            + join(p, "t")
            + ") ON CONFLICT DO NOTHING");
  }

  /** Hands each row the lookup left empty to the reject store, then drops them from staging. */
  private long rejectUnresolved(LookupPlan.Planned p, String unresolved, Rejects rejects)
      throws SQLException {
    List<String> values = new ArrayList<>();
    for (String s : p.stageColumns()) values.add("s." + s + "::text");
    String sql =
        "SELECT s."
            + Staging.RECORD
            + ", s."
            + Staging.LINE
            + ", "
            + (lookups.keepsRaw() ? "s." + LookupPlan.RAW : "NULL")
            + ", "
            + String.join(", ", values)
            + " FROM "
            + Staging.TABLE
            + " s WHERE "
            + unresolved
            + " ORDER BY s."
            + Staging.RECORD;
    long count = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          count++;
          List<String> shown = new ArrayList<>();
          boolean empty = false;
          for (int j = 0; j < p.matchColumns().size(); j++) {
            String v = rs.getString(4 + j);
            empty |= v == null;
            shown.add(p.matchColumns().get(j) + " = " + (v == null ? "(empty)" : "'" + v + "'"));
          }
          String reason =
              empty
                  ? "has no value to look up in "
                      + p.shown()
                      + " ("
                      + String.join(", ", shown)
                      + ")"
                  : "has no match in " + p.shown() + " (" + String.join(", ", shown) + ")";
          rejects.reject(
              new RowProblem(
                  rs.getLong(1),
                  rs.getLong(2),
                  p.bound().spec().name(),
                  String.join(", ", p.sourceFields()),
                  values.size() == 1 ? rs.getString(4) : null,
                  reason,
                  RowProblem.LOOKUP_MISSING),
              rs.getString(3));
        }
      }
    }
    if (count > 0) execute("DELETE FROM " + Staging.TABLE + " s WHERE " + unresolved);
    return count;
  }

  /**
   * Moves the staged rows of a mapping without keys into {@code into}, joining each looked-up table
   * on the way (a left join: the unique index on the match columns makes it at most one row), with
   * the import id when the table has the lineage column.
   */
  long insertAll(LoadPlan plan, String into, Long importId) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<String> select = new ArrayList<>();
    StringBuilder from = new StringBuilder(Staging.TABLE + " s");
    int n = 0;
    for (LoadPlan.Bound b : plan.columns()) {
      columns.add(Identifiers.quote(b.spec().name()));
      LookupPlan.Planned p = planned(b);
      if (p == null) {
        select.add("s." + Identifiers.quote(b.spec().name()));
        continue;
      }
      String alias = "l" + ++n;
      select.add(returned(p, alias));
      from.append(" LEFT JOIN ").append(p.table()).append(' ').append(alias);
      from.append(" ON ").append(join(p, alias));
    }
    if (plan.withLineage()) {
      columns.add(Identifiers.quote(Identifiers.IMPORT_ID));
      select.add("?::bigint");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + into
                + " ("
                + String.join(", ", columns)
                + ") SELECT "
                + String.join(", ", select)
                + " FROM "
                + from)) {
      if (plan.withLineage()) {
        if (importId == null) ps.setNull(1, Types.BIGINT);
        else ps.setLong(1, importId);
      }
      return ps.executeLargeUpdate();
    }
  }

  private LookupPlan.Planned planned(LoadPlan.Bound b) {
    for (LookupPlan.Planned p : lookups.lookups()) if (p.bound() == b) return p;
    return null;
  }

  /** The lookup's return column of the looked-up row {@code alias}, cast to the column's type. */
  private static String returned(LookupPlan.Planned p, String alias) {
    return "CAST("
        + alias
        + "."
        + Identifiers.quote(p.lookup().returns())
        + " AS "
        + p.bound().type().sql()
        + ")";
  }

  private static String column(LookupPlan.Planned p) {
    return Identifiers.quote(p.bound().spec().name());
  }

  private static String join(LookupPlan.Planned p, String alias) {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < p.matchColumns().size(); j++)
      parts.add(
          alias
              + "."
              + Identifiers.quote(p.matchColumns().get(j))
              + " = s."
              + p.stageColumns().get(j));
    return String.join(" AND ", parts);
  }

  private static List<String> prefixed(String alias, List<String> names) {
    return names.stream().map(n -> alias + "." + n).toList();
  }

  private long execute(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }
}
