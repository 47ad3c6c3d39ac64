package io.datamapper.server.audit;

import io.datamapper.db.SqlFailures;
import io.datamapper.server.DataMapperProperties;
import io.datamapper.server.limits.ReadConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: each entry is a line on the {@code datamapper.audit} logger at once and a row in
 * {@code datamapper.audit} shortly after (one writer thread, so a slow database never delays an
 * answer; when 10,000 rows wait, further rows are dropped and counted in the log, while their log
 * lines remain). Thread-safe.
 */
@Component
public class AuditLog implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger("datamapper.audit");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One audited request; {@code route} is the pattern Spring matched, null when it was refused
   * before routing.
   */
  public record Entry(
      String keyId,
      String role,
      String remoteAddress,
      String method,
      String route,
      String path,
      Map<String, Object> target,
      int status,
      long durationMillis) {}

  private final DataSource dataSource;
  private final DataSource reads;
  private final String node;
  private final AtomicLong dropped = new AtomicLong();
  private final ThreadPoolExecutor writer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "datamapper-audit");
            t.setDaemon(true);
            return t;
          },
          (r, executor) -> dropped.incrementAndGet());

  public AuditLog(DataSource dataSource, ReadConnections reads, DataMapperProperties props) {
    this.dataSource = dataSource;
    this.reads = reads.dataSource();
    this.node = props.nodeName();
  }

  public void record(Entry e) {
    log.info(
        "{} {} {} -> {} key={} role={} remote={} target={} {}ms",
        e.method(),
        e.route() != null ? e.route() : "-",
        e.path(),
        e.status(),
        e.keyId(),
        e.role(),
        e.remoteAddress(),
        e.target(),
        e.durationMillis());
    writer.execute(() -> insert(e));
  }

  private void insert(Entry e) {
    String sql =
        "INSERT INTO datamapper.audit (node, key_id, role, remote_address, method, route, path, target, status, duration_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, node);
      ps.setString(2, e.keyId());
      ps.setString(3, e.role());
      ps.setString(4, e.remoteAddress());
      ps.setString(5, e.method());
      ps.setString(6, e.route());
      ps.setString(7, e.path());
      ps.setString(8, e.target().isEmpty() ? null : JSON.writeValueAsString(e.target()));
      ps.setInt(9, e.status());
      ps.setLong(10, e.durationMillis());
      ps.executeUpdate();
    } catch (SQLException | RuntimeException ex) {
      log.warn("Audit row not written (the line above stays): {}", ex.getMessage());
    }
    long lost = dropped.getAndSet(0);
    if (lost > 0)
      log.warn(
          "{} audit rows were dropped: the database did not keep up (their lines are in this log)",
          lost);
  }

  /** The newest entries, newest first, with ids below {@code before} when given. */
  public List<AuditEntry> recent(int limit, Long before) {
    String sql =
        "SELECT id, at, node, key_id, role, remote_address, method, route, path, target::text, status, duration_ms "
            + "FROM datamapper.audit WHERE (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?";
    try (Connection c = reads.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, before);
      ps.setObject(2, before);
      ps.setInt(3, limit);
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AuditEntry(
                  rs.getLong(1),
                  rs.getObject(2, OffsetDateTime.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10) == null ? null : JSON.readTree(rs.getString(10)),
                  rs.getInt(11),
                  rs.getLong(12)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read datamapper.audit", e);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    // write what waits before the pool closes
    writer.shutdown();
    writer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
