package io.datamapper.load;

import io.datamapper.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Writes rejected rows to {@code datamapper.rejects} on its own connection, in batches, committed
 * as it goes: rejects of a failed import are kept too. The value is kept as {@link RowProblem}
 * shortens it; the raw record whole (so an export can be fixed and replayed), which the record
 * limit bounds; a batch is sent once it holds {@link #BATCH_CHARS} characters, so a run of huge
 * rejected rows is not held in memory. Not thread-safe.
 */
final class RejectStore implements AutoCloseable {
  private static final int BATCH = 500;
  private static final long BATCH_CHARS = 4L << 20;
  private final Connection connection;
  private final PreparedStatement insert;
  private final long importId;
  private int pending;
  private long pendingChars;

  RejectStore(DataSource dataSource, long importId) {
    this.importId = importId;
    try {
      this.connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      this.insert =
          connection.prepareStatement(
              "INSERT INTO datamapper.rejects "
                  + "(import_id, record_number, line_number, column_name, value, reason, raw, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot open the reject store", e);
    }
  }

  void add(RowProblem p, String raw) {
    try {
      insert.setLong(1, importId);
      insert.setLong(2, p.record());
      if (p.line() > 0) insert.setLong(3, p.line());
      else insert.setNull(3, Types.BIGINT);
      insert.setString(4, p.column());
      insert.setString(5, clean(p.value()));
      insert.setString(6, p.reason());
      insert.setString(7, clean(raw));
      insert.setString(8, p.code());
      insert.addBatch();
      pendingChars += raw == null ? 0 : raw.length();
      if (++pending >= BATCH || pendingChars >= BATCH_CHARS) flush();
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot write to the reject store", e);
    }
  }

  void flush() {
    if (pending == 0) return;
    try {
      insert.executeBatch();
      pending = 0;
      pendingChars = 0;
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot write to the reject store", e);
    }
  }

  /** PostgreSQL text cannot hold NUL; keep the rest of the value visible. */
  private static String clean(String s) {
    return s == null ? null : s.replace("\u0000", "\\0");
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing left to save
      }
    }
  }
}
