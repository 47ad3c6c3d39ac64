package io.datamapper.server.jobs;

import io.datamapper.db.SqlFailures;
import io.datamapper.ledger.LedgerQueries;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code datamapper.tasks}: what each background task was asked, its progress and its outcome.
 * Thread-safe.
 */
@Component
public class TaskStore {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS =
      "id, kind, status, phase, file_name, file_size, rows_read, rows_rejected, bytes_read, "
          + "percent, rows_per_sec, eta_seconds, node, attempts, cancel_requested, import_id, summary::text, error::text, "
          + "created_at, started_at, finished_at, updated_at, staged_path, request::text";

  /**
   * A task with what only the runner needs: where the upload is staged and the request (mapping,
   * options).
   */
  record Task(TaskView view, String stagedPath, JsonNode request) {}

  private final DataSource dataSource;

  public TaskStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(UUID id, String fileName, String stagedPath, long size, JsonNode request) {
    update(
        "INSERT INTO datamapper.tasks (id, kind, status, phase, file_name, staged_path, file_size, request) "
            + "VALUES (?, 'import', 'queued', 'queued', ?, ?, ?, ?::jsonb)",
        id,
        fileName,
        stagedPath,
        size,
        request.toString());
  }

  public Optional<TaskView> find(UUID id) {
    return task(id).map(Task::view);
  }

  Optional<Task> task(UUID id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM datamapper.tasks WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        TaskView v =
            new TaskView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                (Long) rs.getObject(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                (Double) rs.getObject(10),
                (Double) rs.getObject(11),
                (Long) rs.getObject(12),
                rs.getString(13),
                rs.getInt(14),
                rs.getBoolean(15),
                (Long) rs.getObject(16),
                tree(rs.getString(17)),
                tree(rs.getString(18)),
                rs.getObject(19, OffsetDateTime.class),
                rs.getObject(20, OffsetDateTime.class),
                rs.getObject(21, OffsetDateTime.class),
                rs.getObject(22, OffsetDateTime.class));
        return Optional.of(new Task(v, rs.getString(23), tree(rs.getString(24))));
      }
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.tasks", e);
    }
  }

  /**
   * Marks the task running on {@code node}; false when it is no longer queued or running (cancelled
   * meanwhile).
   */
  boolean claim(UUID id, String node) {
    return update(
            "UPDATE datamapper.tasks SET status = 'running', phase = 'importing', node = ?, attempts = attempts + 1, "
                + "started_at = coalesce(started_at, now()), updated_at = clock_timestamp() WHERE id = ? AND status IN ('queued', 'running')",
            node,
            id)
        == 1;
  }

  /** Back to the queue (this node is stopping; another one takes it). */
  void requeue(UUID id) {
    update(
        "UPDATE datamapper.tasks SET status = 'queued', phase = 'queued', updated_at = clock_timestamp() "
            + "WHERE id = ? AND status = 'running'",
        id);
  }

  /** Records progress; returns whether a cancel was requested. */
  boolean progress(UUID id, Progress p) {
    String sql =
        "UPDATE datamapper.tasks SET rows_read = ?, rows_rejected = ?, bytes_read = ?, percent = ?, rows_per_sec = ?, "
            + "eta_seconds = ?, updated_at = clock_timestamp() WHERE id = ? RETURNING cancel_requested";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, p.rowsRead());
      ps.setLong(2, p.rowsRejected());
      ps.setLong(3, p.bytesRead());
      double f = p.fraction();
      if (f < 0) ps.setNull(4, Types.DOUBLE);
      else ps.setDouble(4, Math.round(f * 1000) / 10.0);
      ps.setDouble(5, Math.round(p.rowsPerSecond()));
      long eta = p.etaSeconds();
      if (eta < 0) ps.setNull(6, Types.BIGINT);
      else ps.setLong(6, eta);
      ps.setObject(7, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      return false; // progress is best effort; the import goes on
    }
  }

  boolean cancelRequested(UUID id) {
    return task(id).map(t -> t.view().cancelRequested()).orElse(true);
  }

  /**
   * Records a succeeded import: its final counts (a short import may end before any progress was
   * written) and summary.
   */
  void succeed(UUID id, ImportSummary s) {
    update(
        "UPDATE datamapper.tasks SET rows_read = ?, rows_rejected = ?, bytes_read = ?, rows_per_sec = ? WHERE id = ?",
        s.rowsRead(),
        s.rowsRejected(),
        s.fileSize(),
        (double) Math.round(s.rowsPerSecond()),
        id);
    finish(id, "succeeded", s.importId(), JSON.valueToTree(s), null);
  }

  void finish(UUID id, String status, Long importId, JsonNode summary, JsonNode error) {
    update(
        "UPDATE datamapper.tasks SET status = ?, phase = 'finished', import_id = ?, summary = ?::jsonb, error = ?::jsonb, "
            + "percent = CASE WHEN ? = 'succeeded' THEN 100 ELSE percent END, eta_seconds = NULL, finished_at = clock_timestamp(), "
            + "updated_at = clock_timestamp(), staged_path = NULL WHERE id = ?",
        status,
        importId,
        summary == null ? null : summary.toString(),
        error == null ? null : error.toString(),
        status,
        id);
  }

  /**
   * Sets the cancel flag of an unfinished task; false when there is no such task or it has
   * finished.
   */
  boolean requestCancel(UUID id) {
    return update(
            "UPDATE datamapper.tasks SET cancel_requested = true, updated_at = clock_timestamp() "
                + "WHERE id = ? AND status IN ('queued', 'running')",
            id)
        == 1;
  }

  /** Cancels a task no node has started; false when one has (it then stops at its next batch). */
  boolean cancelIfQueued(UUID id) {
    return update(
            "UPDATE datamapper.tasks SET status = 'cancelled', phase = 'finished', finished_at = clock_timestamp(), "
                + "updated_at = clock_timestamp(), staged_path = NULL WHERE id = ? AND status = 'queued'",
            id)
        == 1;
  }

  /**
   * The succeeded import that a task's run committed, if it did (a node may die between commit and
   * recording it).
   */
  Optional<Long> committedImport(String sourceUri) {
    return new LedgerQueries(dataSource).latestSucceededFrom(sourceUri);
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot write datamapper.tasks", e);
    }
  }

  private static JsonNode tree(String json) {
    return json == null ? null : JSON.readTree(json);
  }
}
