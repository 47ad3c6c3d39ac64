package io.datamapper.ledger;

import io.datamapper.db.SqlFailures;
import io.datamapper.format.JsonStrings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The import ledger in {@code datamapper.imports}. An import is recorded as {@code running} before
 * data moves (in its own transaction, so failures are recorded too) and finished as {@code
 * succeeded} inside the data transaction. This class writes the ledger; {@link LedgerQueries} reads
 * it. Thread-safe.
 */
public final class Ledger {
  private final DataSource dataSource;
  private final LedgerQueries queries;

  public Ledger(DataSource dataSource) {
    this.dataSource = dataSource;
    this.queries = new LedgerQueries(dataSource);
  }

  /**
   * An import in progress: its ledger id, and the connection that holds a session advisory lock on
   * it for as long as the import runs. If the process dies, PostgreSQL ends the session and drops
   * the lock, which is how {@link #reapInterrupted()} tells a dead import from a slow one. Closing
   * releases the lock. Not thread-safe.
   */
  public static final class Running implements AutoCloseable {
    private final long id;
    private final Connection guard;

    private Running(long id, Connection guard) {
      this.id = id;
      this.guard = guard;
    }

    public long id() {
      return id;
    }

    /**
     * Marks the import failed with the error, on this import's own session: it needs no connection
     * from the pool, which would wait its full timeout for a database that is gone. Never throws;
     * when the session is gone too, the row stays {@code running} until a ledger read after
     * PostgreSQL is back marks it interrupted ({@link #reapInterrupted()}).
     */
    public void fail(String error, long rowsRead, long rowsRejected) {
      try (PreparedStatement ps = guard.prepareStatement(FAIL_SQL)) {
        bindFailure(ps, id, error, rowsRead, rowsRejected);
        ps.executeUpdate();
      } catch (SQLException e) {
        // the import's own error is what the user needs to see
      }
    }

    @Override
    public void close() {
      try (guard;
          PreparedStatement ps = guard.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        ps.setLong(1, lockKey(id));
        ps.execute();
      } catch (SQLException e) {
        // closing the connection ends the session and its locks anyway
      }
    }
  }

  /**
   * Records a new running import and locks it in one statement, so no other session can see the row
   * before the lock is held.
   */
  public Running begin(
      String fileName,
      String sourceUri,
      Long fileSize,
      String format,
      String mappingJson,
      String schema,
      String table) {
    String sql =
        "WITH i AS (INSERT INTO datamapper.imports (file_name, source_uri, file_size, format, mapping, target_schema, target_table, status) "
            + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, 'running') RETURNING id) SELECT id, pg_advisory_lock("
            + LOCK_BASE
            + " # id) FROM i";
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, fileName);
        ps.setString(2, sourceUri);
        if (fileSize == null) ps.setNull(3, Types.BIGINT);
        else ps.setLong(3, fileSize);
        ps.setString(4, format);
        ps.setString(5, mappingJson);
        ps.setString(6, schema);
        ps.setString(7, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Running(rs.getLong(1), c);
        }
      }
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // reported below
        }
      }
      throw SqlFailures.internal("Cannot record the import in datamapper.imports", e);
    }
  }

  /** Advisory-lock keys of running imports: a fixed high part ("dm") xor the import id. */
  private static final long LOCK_BASE = 0x646D_0000_0000_0000L;

  static long lockKey(long id) {
    return LOCK_BASE ^ id;
  }

  /**
   * Marks imports whose process died (status running, lock free) as failed, so the ledger never
   * shows a crashed import as running forever. Their data never committed. Returns how many were
   * marked.
   */
  public int reapInterrupted() {
    int reaped = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<Long> running = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM datamapper.imports WHERE status = 'running'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) running.add(rs.getLong(1));
      }
      for (long id : running) {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
          lock.setLong(1, lockKey(id));
          try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) continue;
          }
        }
        try (PreparedStatement mark =
                c.prepareStatement(
                    "UPDATE datamapper.imports SET status = 'failed', finished_at = clock_timestamp(), "
                        + "error = 'interrupted: the importing process stopped, or lost PostgreSQL, before it finished; nothing was written "
                        + "(run the import again)' "
                        + "WHERE id = ? AND status = 'running'");
            PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          mark.setLong(1, id);
          reaped += mark.executeUpdate();
          unlock.setLong(1, lockKey(id));
          unlock.execute();
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.imports", e);
    }
    return reaped;
  }

  /**
   * Counts recorded at the end of an import; {@code filtered}: rows the mapping's filter left out;
   * {@code skipped}: rows with data the reader passed over on purpose.
   */
  public record Counts(
      long read,
      long inserted,
      long updated,
      long duplicateInFile,
      long duplicateInTable,
      long rejected,
      long filtered,
      long skipped) {

    public Counts(
        long read,
        long inserted,
        long updated,
        long duplicateInFile,
        long duplicateInTable,
        long rejected) {
      this(read, inserted, updated, duplicateInFile, duplicateInTable, rejected, 0, 0);
    }
  }

  /** Marks the import succeeded, on the data transaction's connection {@code c}. */
  public void succeed(
      Connection c,
      long id,
      String sha256,
      long fileSize,
      String format,
      Counts counts,
      boolean createdTable)
      throws SQLException {
    String sql =
        "UPDATE datamapper.imports SET status = 'succeeded', sha256 = ?, file_size = ?, format = ?, rows_read = ?, rows_inserted = ?, "
            + "rows_updated = ?, rows_duplicate_in_file = ?, rows_duplicate_in_table = ?, rows_rejected = ?, created_table = ?, "
            + "rows_filtered = ?, rows_skipped = ?, finished_at = clock_timestamp(), duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sha256);
      ps.setLong(2, fileSize);
      ps.setString(3, format);
      ps.setLong(4, counts.read());
      ps.setLong(5, counts.inserted());
      ps.setLong(6, counts.updated());
      ps.setLong(7, counts.duplicateInFile());
      ps.setLong(8, counts.duplicateInTable());
      ps.setLong(9, counts.rejected());
      ps.setBoolean(10, createdTable);
      ps.setLong(11, counts.filtered());
      ps.setLong(12, counts.skipped());
      ps.setLong(13, id);
      ps.executeUpdate();
    }
  }

  /**
   * Records, on the data transaction's connection {@code c}, the source's field names (so rejects
   * can be written back with the header), the table a replace kept for undo, and the import whose
   * rejects this one replays.
   */
  public void details(
      Connection c, long id, List<String> sourceFields, String keptTable, Long replayOf)
      throws SQLException {
    StringBuilder fields = new StringBuilder("[");
    for (String f : sourceFields) {
      if (fields.length() > 1) fields.append(',');
      JsonStrings.append(fields, f);
    }
    fields.append(']');
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE datamapper.imports SET source_fields = ?::jsonb, kept_table = ?, replay_of = ? WHERE id = ?")) {
      ps.setString(1, fields.toString());
      ps.setString(2, keptTable);
      if (replayOf == null) ps.setNull(3, Types.BIGINT);
      else ps.setLong(3, replayOf);
      ps.setLong(4, id);
      ps.executeUpdate();
    }
  }

  /** Marks the import failed with the error, in its own transaction. Never throws. */
  public void fail(long id, String error, long rowsRead, long rowsRejected) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FAIL_SQL)) {
      bindFailure(ps, id, error, rowsRead, rowsRejected);
      ps.executeUpdate();
    } catch (SQLException e) {
      // the import's own error is what the user needs to see; the ledger row stays 'running'
    }
  }

  private static final String FAIL_SQL =
      "UPDATE datamapper.imports SET status = 'failed', error = ?, rows_read = ?, rows_rejected = ?, "
          + "rows_inserted = 0, finished_at = clock_timestamp(), duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint "
          + "WHERE id = ?";

  private static void bindFailure(
      PreparedStatement ps, long id, String error, long rowsRead, long rowsRejected)
      throws SQLException {
    ps.setString(1, error);
    ps.setLong(2, rowsRead);
    ps.setLong(3, rowsRejected);
    ps.setLong(4, id);
  }

  /**
   * Records the object store's ETag of a remote source on a running import (for {@link
   * #findSucceededObject}).
   */
  public void recordEtag(long id, String etag) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE datamapper.imports SET source_etag = ? WHERE id = ?")) {
      ps.setString(1, etag);
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot record the import in datamapper.imports", e);
    }
  }

  /** The import with this id; an import whose process died is shown failed (interrupted). */
  public Optional<ImportRecord> find(long id) {
    reapInterrupted();
    return queries.find(id);
  }

  /** The newest imports first; imports whose process died are shown failed (interrupted). */
  public List<ImportRecord> list(int limit) {
    reapInterrupted();
    return queries.list(limit);
  }

  /** The reads of the ledger (lookups for duplicates, undo, rejects and table statistics). */
  public LedgerQueries queries() {
    return queries;
  }

  /** See {@link LedgerQueries#findSucceeded}. */
  public Optional<ImportRecord> findSucceeded(
      Connection c, String sha256, String schema, String table) throws SQLException {
    return queries.findSucceeded(c, sha256, schema, table);
  }

  /** See {@link LedgerQueries#findSucceededObject}. */
  public Optional<ImportRecord> findSucceededObject(
      String sourceUri, String etag, long size, String schema, String table) {
    return queries.findSucceededObject(sourceUri, etag, size, schema, table);
  }

  /** See {@link LedgerQueries#latestByName}. */
  public Optional<Long> latestByName(Connection c, String fileName, String schema, String table)
      throws SQLException {
    return queries.latestByName(c, fileName, schema, table);
  }

  /** See {@link LedgerQueries#seenNameAndSize}. */
  public boolean seenNameAndSize(String fileName, long size) {
    return queries.seenNameAndSize(fileName, size);
  }

  /** See {@link LedgerQueries#rejects}. */
  public List<RejectRecord> rejects(long importId, int limit) {
    return queries.rejects(importId, limit);
  }

  /**
   * Marks the import undone with a note of what was undone, on the undo's transaction {@code c},
   * and drops the pre-images it kept.
   */
  public void markUndone(Connection c, long id, String note) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE datamapper.imports SET status = 'undone', undone_at = clock_timestamp(), "
                    + "undo_note = ? WHERE id = ?");
        PreparedStatement images =
            c.prepareStatement("DELETE FROM datamapper.row_images WHERE import_id = ?")) {
      ps.setString(1, note);
      ps.setLong(2, id);
      ps.executeUpdate();
      images.setLong(1, id);
      images.executeUpdate();
    }
  }

  /**
   * Clears, on the replace's transaction {@code c}, what earlier replaces of this table recorded as
   * kept (those imports can no longer be undone), and returns each import id with the value it had
   * recorded; which tables are dropped is the caller's decision (see {@link KeptTable#recorded}).
   */
  public Map<Long, String> clearKeptTables(Connection c, String schema, String table)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE datamapper.imports i SET kept_table = NULL FROM (SELECT id, kept_table "
                + "FROM datamapper.imports WHERE target_schema = ? AND target_table = ? AND kept_table IS NOT NULL FOR UPDATE) old "
                + "WHERE i.id = old.id RETURNING old.id, old.kept_table")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        Map<Long, String> cleared = new LinkedHashMap<>();
        while (rs.next()) cleared.put(rs.getLong(1), rs.getString(2));
        return cleared;
      }
    }
  }
}
