package io.datamapper.load;

import io.datamapper.db.SqlFailures;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the {@link Importer} does between runs of one import when a detected type must widen: the
 * first run's rejected rows are forgotten (the next run rejects again what it must), and the notes
 * say which columns widened. The binary COPY cannot change a column's type mid-stream, so the run
 * that met the value is rolled back whole and the import runs again with the wider type — at most
 * {@link TypeWidening#MAX_WIDENINGS} times, and only into a table the import creates. Stateless.
 */
final class WideningRuns {
  private WideningRuns() {}

  /** The request to start with: widening only when the table does not exist yet. */
  static ImportRequest first(DataSource dataSource, ImportRequest request) {
    if (!request.widenTypes()) return request;
    TargetSpec t = request.mapping().target();
    try (Connection c = dataSource.getConnection()) {
      return TargetTable.describe(c, t.schema(), t.table()).isPresent()
          ? request.withWidening(false)
          : request;
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot look up " + t.qualifiedName(), e);
    }
  }

  /** The next request, after {@code needed} stopped a run; records the note in {@code notes}. */
  static ImportRequest next(
      DataSource dataSource,
      ImportRequest current,
      Long importId,
      TypeWidening.Needed needed,
      List<String> notes) {
    String column = needed.problem.column();
    ColumnType from =
        current.mapping().columns().stream()
            .filter(c -> c.name().equals(column))
            .map(ColumnSpec::type)
            .findFirst()
            .orElseThrow();
    notes.add(needed.note(from));
    if (importId != null) forgetRejects(dataSource, importId);
    ImportRequest next =
        current.withMapping(TypeWidening.widen(current.mapping(), column, needed.to));
    return notes.size() >= TypeWidening.MAX_WIDENINGS ? next.withWidening(false) : next;
  }

  /** {@code summary} with the widening notes first. */
  static ImportSummary withNotes(ImportSummary s, List<String> widened) {
    if (widened.isEmpty()) return s;
    List<String> notes = new ArrayList<>(widened);
    notes.addAll(s.notes());
    return new ImportSummary(
        s.importId(),
        s.table(),
        s.fileName(),
        s.fileSize(),
        s.sha256(),
        s.rowsRead(),
        s.rowsInserted(),
        s.rowsUpdated(),
        s.rowsDuplicateInFile(),
        s.rowsDuplicateInTable(),
        s.rowsRejected(),
        s.createdTable(),
        s.durationMillis(),
        s.status(),
        notes,
        s.ddl(),
        s.rowsFiltered(),
        s.rowsSkipped(),
        s.skippedReason());
  }

  static void forgetRejects(DataSource dataSource, long importId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement("DELETE FROM datamapper.rejects WHERE import_id = ?")) {
      p.setLong(1, importId);
      p.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot clear the rejects of import #" + importId, e);
    }
  }
}
