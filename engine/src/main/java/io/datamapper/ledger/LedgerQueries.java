package io.datamapper.ledger;

import io.datamapper.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads of the import ledger ({@code datamapper.imports} and {@code datamapper.rejects}): lookups
 * for duplicate files, undo, reject export and table statistics. Methods taking a {@link
 * Connection} run inside the caller's transaction and leave {@link SQLException}s to it; the others
 * take a connection of their own. {@link Ledger} writes the ledger. Thread-safe.
 */
public final class LedgerQueries {
  static final String COLUMNS =
      "id, file_name, source_uri, file_size, sha256, format, target_schema, target_table, "
          + "status, dry_run, rows_read, rows_inserted, rows_updated, rows_duplicate_in_file, rows_duplicate_in_table, "
          + "rows_rejected, started_at, finished_at, duration_ms, error, mapping::text, replay_of, undone_at, undo_note, rows_filtered, "
          + "rows_skipped";

  private final DataSource dataSource;

  public LedgerQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The import with this id, as recorded (a dead import may still show running). */
  public Optional<ImportRecord> find(long id) {
    return select("SELECT " + COLUMNS + " FROM datamapper.imports WHERE id = ?", id).stream()
        .findFirst();
  }

  /** The newest imports first, as recorded. */
  public List<ImportRecord> list(int limit) {
    return select("SELECT " + COLUMNS + " FROM datamapper.imports ORDER BY id DESC LIMIT ?", limit);
  }

  /**
   * The newest succeeded import of this content into this table, if any (on connection {@code c}).
   */
  public Optional<ImportRecord> findSucceeded(
      Connection c, String sha256, String schema, String table) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM datamapper.imports WHERE status = 'succeeded' AND dry_run = false AND sha256 = ? "
            + "AND target_schema = ? AND target_table = ? ORDER BY id DESC LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sha256);
      ps.setString(2, schema);
      ps.setString(3, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The newest succeeded import into this table of the object at {@code sourceUri} with this ETag
   * and size, if any: the same object version, recognised without downloading it.
   */
  public Optional<ImportRecord> findSucceededObject(
      String sourceUri, String etag, long size, String schema, String table) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM datamapper.imports WHERE status = 'succeeded' AND dry_run = false "
            + "AND source_uri = ? AND source_etag = ? AND file_size = ? AND target_schema = ? AND target_table = ? ORDER BY id DESC LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sourceUri);
      ps.setString(2, etag);
      ps.setLong(3, size);
      ps.setString(4, schema);
      ps.setString(5, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
  }

  /**
   * The newest succeeded import of a file with this name into this table (on connection {@code c}),
   * if any.
   */
  public Optional<Long> latestByName(Connection c, String fileName, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT id FROM datamapper.imports WHERE status = 'succeeded' AND NOT dry_run AND file_name = ? AND target_schema = ? "
            + "AND target_table = ? ORDER BY id DESC LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, fileName);
      ps.setString(2, schema);
      ps.setString(3, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Whether a succeeded import had this file name and size (then it is worth hashing first). */
  public boolean seenNameAndSize(String fileName, long size) {
    String sql =
        "SELECT 1 FROM datamapper.imports WHERE status = 'succeeded' AND file_name = ? AND file_size = ? LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, fileName);
      ps.setLong(2, size);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
  }

  /** What the ledger knows of the imports into {@code schema.table} (dry runs left out). */
  public TableImports tableImports(String schema, String table) {
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'), "
            + "coalesce(sum(rows_inserted) FILTER (WHERE status = 'succeeded'), 0), max(started_at), "
            + "max(id) FILTER (WHERE status = 'succeeded') FROM datamapper.imports WHERE target_schema = ? AND target_table = ? AND NOT dry_run";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new TableImports(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getObject(5, OffsetDateTime.class),
            (Long) rs.getObject(6));
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
  }

  /**
   * The newest succeeded import from {@code sourceUri}, if any: whether a task's run committed (a
   * node may die between the commit and recording it).
   */
  public Optional<Long> latestSucceededFrom(String sourceUri) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM datamapper.imports WHERE source_uri = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, sourceUri);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
  }

  /**
   * The format, mapping and source fields import {@code id} recorded, if there is such an import.
   */
  public static Optional<StoredMapping> storedMapping(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT format, mapping::text, source_fields::text FROM datamapper.imports WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new StoredMapping(rs.getString(1), rs.getString(2), rs.getString(3)))
            : Optional.empty();
      }
    }
  }

  /**
   * Import {@code id} locked for update in the undo's transaction {@code c}; empty when there is no
   * such import (a dry run counts as none).
   */
  public Optional<ImportForUndo> lockForUndo(Connection c, long id) throws SQLException {
    String sql =
        "SELECT id, target_schema, target_table, status, created_table, kept_table, mapping->'target'->>'mode', "
            + "ARRAY(SELECT jsonb_array_elements_text(coalesce(mapping->'keys', '[]'::jsonb))), undone_at, file_name, dry_run "
            + "FROM datamapper.imports WHERE id = ? FOR UPDATE";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getBoolean(11)) return Optional.empty();
        return Optional.of(
            new ImportForUndo(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getString(6),
                rs.getString(7),
                List.of((String[]) rs.getArray(8).getArray()),
                rs.getObject(9, OffsetDateTime.class),
                rs.getString(10)));
      }
    }
  }

  /** The succeeded imports into {@code schema.table} after import {@code id}, oldest first. */
  public List<ImportForUndo.Later> later(Connection c, long id, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT id, mapping->'target'->>'mode', file_name FROM datamapper.imports WHERE target_schema = ? AND target_table = ? "
            + "AND id > ? AND status = 'succeeded' AND NOT dry_run ORDER BY id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setLong(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<ImportForUndo.Later> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new ImportForUndo.Later(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
        return out;
      }
    }
  }

  /** The newest succeeded import that updated rows import {@code id} wrote, if any. */
  public Optional<ImportForUndo.LaterUpdate> laterUpdate(Connection c, long id)
      throws SQLException {
    String sql =
        "SELECT ri.import_id, i.file_name, count(*) FROM datamapper.row_images ri JOIN datamapper.imports i ON i.id = ri.import_id "
            + "WHERE ri.prev_import_id = ? AND i.status = 'succeeded' GROUP BY ri.import_id, i.file_name ORDER BY ri.import_id DESC LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new ImportForUndo.LaterUpdate(rs.getLong(1), rs.getString(2), rs.getLong(3)))
            : Optional.empty();
      }
    }
  }

  /** Rejected rows of an import, in file order. */
  public List<RejectRecord> rejects(long importId, int limit) {
    String sql =
        "SELECT import_id, record_number, line_number, column_name, value, reason, raw, code FROM datamapper.rejects "
            + "WHERE import_id = ? ORDER BY record_number, id LIMIT ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, importId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<RejectRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new RejectRecord(
                  rs.getLong(1),
                  rs.getLong(2),
                  (Long) rs.getObject(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8)));
        }
        return out;
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.rejects", e);
    }
  }

  private List<ImportRecord> select(String sql, Object arg) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        List<ImportRecord> out = new ArrayList<>();
        while (rs.next()) out.add(row(rs));
        return out;
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
  }

  private static ImportRecord row(ResultSet rs) throws SQLException {
    return new ImportRecord(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        (Long) rs.getObject(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getBoolean(10),
        rs.getLong(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getLong(14),
        rs.getLong(15),
        rs.getLong(16),
        rs.getObject(17, OffsetDateTime.class),
        rs.getObject(18, OffsetDateTime.class),
        (Long) rs.getObject(19),
        rs.getString(20),
        rs.getString(21),
        (Long) rs.getObject(22),
        rs.getObject(23, OffsetDateTime.class),
        rs.getString(24),
        rs.getLong(25),
        rs.getLong(26));
  }
}
