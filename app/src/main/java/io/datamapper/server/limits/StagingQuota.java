package io.datamapper.server.limits;

import io.datamapper.db.SqlFailures;
import io.datamapper.server.api.ApiException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The room async uploads may take in the staging store ({@code datamapper.staging-quota}): the
 * uploads of unfinished tasks (in {@code datamapper.tasks}, so every node of a cluster counts the
 * same shared store) plus what this node is staging right now. Full: 503 with {@code Retry-After}
 * (tasks finish and free room); an upload larger than the whole quota: 413.
 */
@Component
public class StagingQuota {
  private static final long RETRY_SECONDS = 30;
  private final DataSource dataSource;
  private final long quota;
  private long reserved;

  public StagingQuota(DataSource dataSource, ServerLimits limits) {
    this.dataSource = dataSource;
    this.quota = limits.stagingQuota().toBytes();
  }

  /**
   * Room reserved for one upload; close it once the task row (which then counts it) is written or
   * the upload dropped.
   */
  public interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  public synchronized Reservation reserve(long bytes) {
    if (bytes > quota) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "too-large",
          "The upload has "
              + bytes
              + " bytes, more than the whole "
              + "staging quota of "
              + quota
              + " bytes (datamapper.staging-quota). Import it synchronously (without async=true) "
              + "or from object storage (/map-b2-data).",
          null);
    }
    long staged = staged();
    if (staged + reserved + bytes > quota) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "staging-full",
          "The staging store holds "
              + (staged + reserved)
              + " bytes of uploads waiting to be imported; with this one ("
              + bytes
              + " bytes) it would pass its quota of "
              + quota
              + " bytes (datamapper.staging-quota). Try again in "
              + RETRY_SECONDS
              + " s, when queued imports have finished.",
          RETRY_SECONDS);
    }
    reserved += bytes;
    boolean[] released = {false};
    return () -> {
      synchronized (this) {
        if (!released[0]) reserved -= bytes;
        released[0] = true;
      }
    };
  }

  private long staged() {
    String sql =
        "SELECT coalesce(sum(file_size), 0) FROM datamapper.tasks WHERE staged_path IS NOT NULL AND status IN ('queued', 'running')";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.tasks", e);
    }
  }
}
