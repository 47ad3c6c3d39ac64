package io.datamapper.undo;

import io.datamapper.DataMapperException;
import io.datamapper.db.InternalSchemas;
import io.datamapper.db.SqlFailures;
import io.datamapper.db.TableLock;
import io.datamapper.ledger.HandOver;
import io.datamapper.ledger.ImportForUndo;
import io.datamapper.ledger.KeptTable;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Undoes an import, in one transaction: rows it updated get their previous values back (from {@code
 * datamapper.row_images}), rows it inserted are deleted (found by {@code _import_id}), a table it
 * created and left otherwise empty is dropped, and a table it replaced is put back. Refused,
 * changing nothing, when a later import changed what it wrote (updated its rows, emptied or
 * replaced the table): undo that one first. The ledger row is not trusted blindly: a target in an
 * internal schema or a kept table other than the one Data Mapper keeps for the import is refused
 * before anything runs, and names read back from the ledger only reach SQL as quoted identifiers
 * (the kept table's name is rebuilt from the import id). Thread-safe.
 */
public final class Undoer {
  private final DataSource dataSource;
  private final Ledger ledger;

  public Undoer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.ledger = new Ledger(dataSource);
  }

  /** The import as the ledger has it, with its load mode read. */
  private record Done(
      long id,
      String schema,
      String table,
      String status,
      boolean createdTable,
      String keptTable,
      LoadMode mode,
      List<String> keys,
      OffsetDateTime undoneAt,
      String fileName) {
    Done(ImportForUndo i) {
      this(
          i.id(),
          i.schema(),
          i.table(),
          i.status(),
          i.createdTable(),
          i.keptTable(),
          Undoer.mode(i.mode()),
          i.keys(),
          i.undoneAt(),
          i.fileName());
    }

    String qualified() {
      return Identifiers.qualified(schema, table);
    }
  }

  /** A later import into the same table. */
  private record Later(long id, LoadMode mode, String fileName) {}

  /**
   * @throws UndoRefusedException when the import cannot be undone (nothing changed)
   * @throws DataMapperException when there is no such import or PostgreSQL fails
   */
  public UndoResult undo(long importId) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        UndoResult result = undo(c, importId);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw SqlFailures.onInput("Cannot undo import #" + importId, e);
    }
  }

  /**
   * Undoes import {@code importId} inside the caller's transaction on {@code c} (nothing is
   * committed here): how an import with {@code duplicateFile: new-version} takes the place of the
   * previous version of its file.
   */
  public UndoResult undoWithin(Connection c, long importId) throws SQLException {
    return undo(c, importId);
  }

  private UndoResult undo(Connection c, long importId) throws SQLException {
    Done done = find(c, importId);
    String who =
        "Import #"
            + importId
            + " ("
            + done.fileName()
            + " into "
            + done.schema()
            + "."
            + done.table()
            + ")";
    switch (done.status()) {
      case "succeeded" -> {}
      case "undone" ->
          throw new UndoRefusedException(
              who + " was already undone on " + done.undoneAt().toLocalDate() + ".");
      case "failed" ->
          throw new UndoRefusedException(
              who + " failed, so it wrote no rows; there is nothing to undo.");
      default -> throw new UndoRefusedException(who + " is still running; cancel it instead.");
    }
    refuseForged(c, done, who);
    TableLock.lock(c, done.schema(), done.table());
    List<Later> later = later(c, done);
    for (Later l : later) {
      if (l.mode() == LoadMode.TRUNCATE_INSERT || l.mode() == LoadMode.REPLACE) {
        throw new UndoRefusedException(
            who
                + " cannot be undone: import #"
                + l.id()
                + " ("
                + l.fileName()
                + ", mode "
                + l.mode().spelling()
                + ") replaced the table's rows after it. Undo import #"
                + l.id()
                + " first.");
      }
    }
    refuseIfUpdatedLater(c, done, who);
    ChildUndo.undo(c, done.id(), who);
    UndoResult result =
        switch (done.mode()) {
          case REPLACE -> undoReplace(c, done, who, later);
          case TRUNCATE_INSERT -> {
            if (!done.createdTable()) {
              throw new UndoRefusedException(
                  who
                      + " cannot be undone: it emptied the table first (mode truncate-insert) and the rows it "
                      + "removed were not kept. Mode replace keeps them, so an import made with it can be undone.");
            }
            yield undoRows(c, done, who, later);
          }
          default -> undoRows(c, done, who, later);
        };
    ledger.markUndone(c, importId, result.describe());
    return result;
  }

  private UndoResult undoReplace(Connection c, Done done, String who, List<Later> later)
      throws SQLException {
    if (!later.isEmpty()) {
      Later l = later.get(0);
      throw new UndoRefusedException(
          who
              + " cannot be undone: import #"
              + l.id()
              + " ("
              + l.fileName()
              + ") loaded rows into the "
              + "table after it, and putting back the table it replaced would lose them. Undo import #"
              + l.id()
              + " first.");
    }
    if (done.keptTable() != null) {
      // checked by refuseForged: the ledger's text is the name Data Mapper records; SQL uses the
      // name rebuilt from the id
      if (!KeptTable.exists(c, done.id())) {
        throw new UndoRefusedException(
            who
                + " cannot be undone: the table it replaced ("
                + KeptTable.qualified(done.id())
                + ") is no longer there.");
      }
      String back = Identifiers.qualified(done.schema(), KeptTable.name(done.id()));
      try (Statement s = c.createStatement()) {
        s.execute(
            "ALTER TABLE "
                + KeptTable.qualified(done.id())
                + " SET SCHEMA "
                + Identifiers.quote(done.schema()));
        // the kept table takes back its index names and sequences from the one it replaces now
        if (exists(c, done.qualified()))
          HandOver.hand(c, done.qualified(), back, "_dm_undone_" + done.id() + "_i");
        s.execute("DROP TABLE IF EXISTS " + done.qualified());
        s.execute("ALTER TABLE " + back + " RENAME TO " + Identifiers.quote(done.table()));
      }
      return new UndoResult(done.id(), done.schema() + "." + done.table(), 0, 0, false, true);
    }
    if (done.createdTable()) return dropCreated(c, done);
    throw new UndoRefusedException(
        who + " cannot be undone: the table it replaced is no longer kept.");
  }

  /**
   * Refuses a ledger row Data Mapper cannot have written: a target in an internal schema or with an
   * unusable name, or a kept table other than {@code datamapper_undo."_dm_old_ID"}. Someone wrote
   * it into the ledger by other means; nothing of it is run.
   */
  private static void refuseForged(Connection c, Done done, String who) throws SQLException {
    String problem = null;
    if (InternalSchemas.problem(done.schema()) != null
        || InternalSchemas.internalInCatalog(c, done.schema()).orElse(false)) {
      problem =
          "its table is in schema '"
              + shorten(done.schema())
              + "', which belongs to Data Mapper or PostgreSQL";
    }
    if (problem == null) problem = Identifiers.problem(done.schema());
    if (problem == null) problem = Identifiers.problem(done.table());
    if (problem == null
        && done.keptTable() != null
        && !KeptTable.recorded(done.id(), done.keptTable())) {
      problem =
          "its kept table '"
              + shorten(done.keptTable())
              + "' is not the one Data Mapper keeps for it ("
              + KeptTable.qualified(done.id())
              + ")";
    }
    if (problem != null) {
      throw new UndoRefusedException(
          who
              + " cannot be undone: its ledger row was not written by Data Mapper ("
              + problem
              + "). Nothing was changed.");
    }
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private UndoResult undoRows(Connection c, Done done, String who, List<Later> later)
      throws SQLException {
    if (!exists(c, done.qualified()))
      return new UndoResult(done.id(), done.schema() + "." + done.table(), 0, 0, false, false);
    if (done.createdTable() && later.isEmpty()) return dropCreated(c, done);
    List<String> columns = restorableColumns(c, done);
    if (!columns.contains(Identifiers.IMPORT_ID)) {
      throw new UndoRefusedException(
          who
              + " cannot be undone: "
              + done.schema()
              + "."
              + done.table()
              + " has no "
              + Identifiers.IMPORT_ID
              + " column, so its rows cannot be told apart from the others'.");
    }
    String lineage = Identifiers.quote(Identifiers.IMPORT_ID);
    long restored = 0;
    if (!done.keys().isEmpty()) {
      List<String> sets = new ArrayList<>();
      for (String col : columns)
        sets.add(Identifiers.quote(col) + " = r." + Identifiers.quote(col));
      List<String> join = new ArrayList<>();
      for (String k : done.keys())
        join.add("t." + Identifiers.quote(k) + " = r." + Identifiers.quote(k));
      String sql =
          "UPDATE "
              + done.qualified()
              + " t SET "
              + String.join(", ", sets)
              + " FROM (SELECT (jsonb_populate_record(NULL::"
              + done.qualified()
              + ", before)).* FROM datamapper.row_images WHERE import_id = ? AND child_table IS NULL) r"
              + " WHERE "
              + String.join(" AND ", join)
              + " AND t."
              + lineage
              + " = ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, done.id());
        ps.setLong(2, done.id());
        restored = ps.executeLargeUpdate();
      }
    }
    long deleted;
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + done.qualified() + " WHERE " + lineage + " = ?")) {
      ps.setLong(1, done.id());
      deleted = ps.executeLargeUpdate();
    }
    return new UndoResult(
        done.id(), done.schema() + "." + done.table(), deleted, restored, false, false);
  }

  private UndoResult dropCreated(Connection c, Done done) throws SQLException {
    long rows;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + done.qualified())) {
      rs.next();
      rows = rs.getLong(1);
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + done.qualified());
    }
    return new UndoResult(done.id(), done.schema() + "." + done.table(), rows, 0, true, false);
  }

  private void refuseIfUpdatedLater(Connection c, Done done, String who) throws SQLException {
    Optional<ImportForUndo.LaterUpdate> update = ledger.queries().laterUpdate(c, done.id());
    if (update.isPresent()) {
      ImportForUndo.LaterUpdate u = update.get();
      throw new UndoRefusedException(
          who
              + " cannot be undone: import #"
              + u.id()
              + " ("
              + u.fileName()
              + ") later updated "
              + String.format("%,d", u.rows())
              + " of its rows. Undo import #"
              + u.id()
              + " first.");
    }
  }

  private Done find(Connection c, long id) throws SQLException {
    return new Done(
        ledger
            .queries()
            .lockForUndo(c, id)
            .orElseThrow(
                () ->
                    new DataMapperException(
                        "There is no import #" + id + " (datamapper imports lists them).")));
  }

  private List<Later> later(Connection c, Done done) throws SQLException {
    List<Later> out = new ArrayList<>();
    for (ImportForUndo.Later l : ledger.queries().later(c, done.id(), done.schema(), done.table()))
      out.add(new Later(l.id(), mode(l.mode()), l.fileName()));
    return out;
  }

  /** The mode a ledger's mapping names; append when it names none. */
  private static LoadMode mode(String spelling) {
    LoadMode mode = spelling == null ? null : LoadMode.fromSpelling(spelling);
    return mode == null ? LoadMode.APPEND : mode;
  }

  private static boolean exists(Connection c, String qualified) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, qualified);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The table's columns an UPDATE may set (not generated, not identity ALWAYS). */
  private static List<String> restorableColumns(Connection c, Done done) throws SQLException {
    String sql =
        "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
            + "AND a.attgenerated = '' AND a.attidentity <> 'a' ORDER BY a.attnum";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, done.qualified());
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        return out;
      }
    }
  }
}
