package io.datamapper.load;

import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporary table a keyed import is copied into before it is merged into the target: the plan's
 * columns plus the record and line number of each row, dropped at the end of the transaction. It
 * lives in the session's own temporary schema, so concurrent imports never see each other's rows,
 * and it writes no WAL.
 */
final class Staging {
  static final String TABLE = "pg_temp.datamapper_stage";
  static final String RECORD = "_dm_record";
  static final String LINE = "_dm_line";

  private Staging() {}

  /**
   * Gives the session room to keep the staging table in memory ({@code temp_buffers}, 8 MB by
   * default, is a ceiling that is only used as needed). PostgreSQL allows this only before the
   * session first touches a temporary table, so on a reused connection it may be refused; then the
   * staging table spills to disk as before. Call outside a transaction.
   */
  static void prepareSession(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET temp_buffers = '256MB'");
    } catch (SQLException ignored) {
      // already set, or temporary tables used before in this session
    }
  }

  /** Creates the staging table for {@code plan}. */
  static void create(Connection c, LoadPlan plan) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (LoadPlan.Bound b : plan.columns())
      columns.add(Identifiers.quote(b.spec().name()) + " " + b.type().sql());
    columns.add(RECORD + " bigint");
    columns.add(LINE + " bigint");
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE "
              + TABLE
              + " ("
              + String.join(", ", columns)
              + ") ON COMMIT DROP");
    }
  }

  /** The types COPY sends into the staging table: the plan's, then record and line numbers. */
  static List<ColumnType> types(LoadPlan plan) {
    List<ColumnType> types = new ArrayList<>();
    for (LoadPlan.Bound b : plan.columns()) types.add(b.type());
    types.add(ColumnType.BIGINT);
    types.add(ColumnType.BIGINT);
    return types;
  }

  /** The quoted column list of a COPY into the staging table. */
  static List<String> copyColumns(LoadPlan plan) {
    List<String> names =
        new ArrayList<>(
            plan.columns().stream().map(b -> Identifiers.quote(b.spec().name())).toList());
    names.add(RECORD);
    names.add(LINE);
    return names;
  }
}
