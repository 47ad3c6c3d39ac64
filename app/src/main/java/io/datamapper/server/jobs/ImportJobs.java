package io.datamapper.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.datamapper.DataMapperException;
import io.datamapper.EnvironmentException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.ImportCancelledException;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.load.Progress;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.server.DataMapperProperties;
import io.datamapper.server.ImportMetrics;
import io.datamapper.server.api.ObjectImports;
import io.datamapper.server.limits.ImportSlots;
import io.datamapper.server.limits.StagingQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Async imports on db-scheduler's queue in this PostgreSQL. {@link #submit} stages the upload,
 * records the task and enqueues it; whichever node polls it first runs it (SKIP LOCKED). Each
 * running execution is heartbeated every {@code datamapper.heartbeat}; after 4 missed heartbeats
 * another node revives it and imports again from the staged file. That is exact: an import is one
 * transaction, so a dead node's attempt left nothing, and an attempt that did commit is found in
 * the ledger by its task's source URI instead of importing twice. A task imports while holding one
 * of the node's {@link ImportSlots} (shared with synchronous imports), so the scheduler never runs
 * more threads than there are slots.
 */
@Component
public final class ImportJobs implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
  static final String TASK_NAME = "datamapper-import";
  private static final long PROGRESS_MILLIS = 250;

  private final TaskStore store;
  private final TaskEndings endings;
  private final FileStore files;
  private final ObjectImports objects;
  private final Importer importer;
  private final Ledger ledger;
  private final ImportMetrics metrics;
  private final String node;
  private final DataSource dataSource;
  private final ImportSlots slots;
  private final StagingQuota quota;
  private final OneTimeTask<Void> task;
  private final Scheduler scheduler;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "datamapper-task-progress");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean running;

  public ImportJobs(
      DataSource dataSource,
      TaskStore store,
      FileStore files,
      ObjectImports objects,
      Importer importer,
      Ledger ledger,
      ImportMetrics metrics,
      DataMapperProperties props,
      ImportSlots slots,
      StagingQuota quota) {
    this.objects = objects;
    this.slots = slots;
    this.quota = quota;
    this.dataSource = dataSource;
    this.store = store;
    this.files = files;
    this.importer = importer;
    this.ledger = ledger;
    this.metrics = metrics;
    this.node = props.nodeName();
    this.endings = new TaskEndings(store, node);
    this.task =
        Tasks.oneTime(TASK_NAME, Void.class)
            .onDeadExecutionRevive()
            .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
            .execute((instance, ctx) -> run(instance.getId()));
    Duration heartbeat = props.heartbeat();
    this.scheduler =
        Scheduler.create(dataSource, task)
            .tableName("datamapper.scheduled_tasks")
            // our executions carry no data: task_data is never deserialized (db-scheduler's default
            // is Java serialization)
            .serializer(NoData.SERIALIZER)
            .schedulerName(new SchedulerName.Fixed(node))
            .threads(Math.max(1, Math.min(props.jobThreads(), slots.max())))
            .pollingInterval(heartbeat)
            .heartbeatInterval(heartbeat)
            .missedHeartbeatsLimit(4)
            .enableImmediateExecution()
            .shutdownMaxWait(Duration.ofSeconds(10))
            .build();
  }

  /** Stages the upload and enqueues its import; returns the queued task. */
  public TaskView submit(
      MultipartFile upload, String fileName, Mapping mapping, boolean force, boolean dryRun) {
    UUID id = UUID.randomUUID();
    // held until the task row, which then counts the upload, is written
    try (StagingQuota.Reservation room = quota.reserve(upload.getSize())) {
      String staged = files.stage(id, upload, fileName);
      ObjectNode request = TaskStore.JSON.createObjectNode();
      request.set("mapping", MappingWriter.toTree(mapping));
      request.put("force", force);
      request.put("dryRun", dryRun);
      try {
        store.insert(id, fileName, staged, upload.getSize(), request);
        scheduler.schedule(task.instance(id.toString()), Instant.now());
      } catch (RuntimeException e) {
        files.remove(id);
        throw e;
      }
    }
    return store.find(id).orElseThrow();
  }

  /**
   * Enqueues an import from an object store ({@code POST /map-b2-data?async=true}). The task keeps
   * the object URL, not a copy, so whichever node runs it reads the object itself.
   */
  public TaskView submitObject(ObjectImports.Request request, long size) {
    UUID id = UUID.randomUUID();
    String name = request.url().substring(request.url().indexOf("://") + 3);
    store.insert(id, name, null, size, request.toJson());
    scheduler.schedule(task.instance(id.toString()), Instant.now());
    return store.find(id).orElseThrow();
  }

  /** Requests cancellation; a queued task ends at once, a running one at its next batch of rows. */
  public boolean cancel(UUID id) {
    if (!store.requestCancel(id)) return false;
    if (store.cancelIfQueued(id)) {
      try {
        scheduler.cancel(TaskInstanceId.of(TASK_NAME, id.toString()));
      } catch (RuntimeException e) {
        // picked by a node meanwhile: it sees the task cancelled and skips it
      }
      files.remove(id);
    }
    return true;
  }

  static String sourceUri(UUID id, String fileName) {
    return "upload://tasks/" + id + "/" + fileName;
  }

  /**
   * Runs the execution {@code instance}; one whose id is no task id (not written by this server) is
   * dropped.
   */
  void run(String instance) {
    UUID id;
    try {
      id = UUID.fromString(instance);
    } catch (IllegalArgumentException e) {
      log.warn(
          "Dropped a queued execution whose id '{}' is no task id: this server did not write it",
          TaskCheck.shorten(instance));
      return;
    }
    run(id);
  }

  void run(UUID id) {
    try (TaskLock lock = TaskLock.tryAcquire(dataSource, id)) {
      if (lock == null) {
        // revived while its first run goes on (a starved node missed heartbeats): retry later,
        // by then that run has finished the task or its node has died
        throw new IllegalStateException(
            "task " + id + " is still running in another session; retrying in 1 s");
      }
      // waits for a free slot while the task is still queued; a stopping node gives the task back
      try (ImportSlots.Slot slot = slots.await(stopping::get)) {
        runLocked(id);
      }
    }
  }

  private void runLocked(UUID id) {
    TaskStore.Task t = store.task(id).orElse(null);
    if (t == null || t.view().finished()) return;
    String refused = TaskCheck.problem(id, t, files);
    if (refused != null) {
      endings.refused(id, refused);
      metrics.outcome("failed");
      return;
    }
    if (t.request().has("url")) {
      runObject(id, t);
      return;
    }
    String uri = sourceUri(id, t.view().file());
    var committed = store.committedImport(uri);
    if (committed.isPresent()) {
      // an earlier attempt committed, then its node died before recording it
      var record = ledger.find(committed.get()).orElseThrow();
      store.finish(id, "succeeded", record.id(), TaskStore.JSON.valueToTree(record), null);
      files.remove(id);
      return;
    }
    if (!store.claim(id, node)) return;
    if (t.view().cancelRequested()) {
      finishCancelled(id, new ImportCancelledException(t.view().file(), 0));
      return;
    }
    ImportSource source =
        files.source(
            t.stagedPath(),
            t.view().file(),
            t.view().fileSize() == null ? -1 : t.view().fileSize(),
            uri);
    if (source == null) {
      endings.stagedFileGone(id, t.stagedPath(), files.describe());
      metrics.outcome("failed");
      return;
    }
    JsonNode req = t.request();
    Mapping mapping = MappingReader.fromTree(req.get("mapping"));
    AtomicReference<Progress> latest = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    ScheduledFuture<?> tick = tick(id, latest, cancelled);
    try {
      ImportRequest request =
          new ImportRequest(
              source,
              mapping,
              req.path("dryRun").asBoolean(false),
              req.path("force").asBoolean(false),
              latest::set,
              null,
              () -> cancelled.get() || stopping.get());
      ImportSummary summary = importer.run(request);
      tick.cancel(false);
      store.succeed(id, summary);
      if (!request.dryRun()) metrics.succeeded(summary);
      files.remove(id);
    } catch (ImportCancelledException e) {
      tick.cancel(false);
      requeueIfStopping(id, cancelled);
      finishCancelled(id, e);
    } catch (DataMapperException e) {
      tick.cancel(false);
      if (environmentFailure(e)) throw retryLater(id, e);
      endings.failed(id, "failed", e);
      metrics.outcome("failed");
      files.remove(id);
    } catch (RuntimeException | Error e) {
      tick.cancel(false);
      endings.internalError(id, e);
      metrics.outcome("failed");
      files.remove(id);
    }
  }

  /**
   * An import from an object store: one object, or every object under a prefix. A revived task
   * simply runs again: objects its earlier attempt committed are then skipped as already imported.
   */
  private void runObject(UUID id, TaskStore.Task t) {
    if (!store.claim(id, node)) return;
    if (t.view().cancelRequested()) {
      finishCancelled(id, new ImportCancelledException(t.view().file(), 0));
      return;
    }
    AtomicReference<Progress> latest = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    ScheduledFuture<?> tick = tick(id, latest, cancelled);
    try {
      Object result =
          objects.run(
              ObjectImports.Request.fromJson(t.request()),
              latest::set,
              () -> cancelled.get() || stopping.get());
      tick.cancel(false);
      if (result instanceof ImportSummary summary) {
        store.succeed(id, summary);
      } else {
        endings.prefixDone(id, TaskStore.JSON.valueToTree(result));
      }
    } catch (ImportCancelledException e) {
      tick.cancel(false);
      requeueIfStopping(id, cancelled);
      endings.failed(id, "cancelled", e);
    } catch (DataMapperException e) {
      tick.cancel(false);
      if (environmentFailure(e)) throw retryLater(id, e);
      endings.failed(id, "failed", e);
    } catch (RuntimeException | Error e) {
      tick.cancel(false);
      endings.internalError(id, e);
    }
  }

  /**
   * PostgreSQL (or another part of the environment) failed, not the task: it is not finished as
   * failed but left to db-scheduler, which runs it again after a second, or revives it once its
   * heartbeats stop if the database is down for longer. Running it again is exact (an import is one
   * transaction) and the staged upload is kept for it.
   */
  private static boolean environmentFailure(DataMapperException e) {
    return e instanceof EnvironmentException || DatabaseUnavailableException.isConnectionFailure(e);
  }

  private RuntimeException retryLater(UUID id, DataMapperException e) {
    log.warn("Task {} could not run and will be retried: {}", id, e.getMessage());
    return new IllegalStateException("task " + id + " will be retried: " + e.getMessage(), e);
  }

  /**
   * After a stopped run: when this node is shutting down (and no one cancelled the task), hands the
   * task to another node and throws, so that it is not ended as cancelled here.
   */
  private void requeueIfStopping(UUID id, AtomicBoolean cancelled) {
    if (!cancelled.get() && stopping.get()) {
      store.requeue(id);
      throw new IllegalStateException(
          "node " + node + " is stopping; task " + id + " goes back to the queue");
    }
  }

  /** Writes the latest progress every 250 ms and reads the cancel flag back. */
  private ScheduledFuture<?> tick(
      UUID id, AtomicReference<Progress> latest, AtomicBoolean cancelled) {
    return ticker.scheduleAtFixedRate(
        () -> {
          Progress p = latest.getAndSet(null);
          boolean flag = p != null ? store.progress(id, p) : store.cancelRequested(id);
          if (flag) cancelled.set(true);
        },
        PROGRESS_MILLIS,
        PROGRESS_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void finishCancelled(UUID id, ImportCancelledException e) {
    endings.failed(id, "cancelled", e);
    metrics.outcome("cancelled");
    files.remove(id);
  }

  @Override
  public void start() {
    scheduler.start();
    running = true;
    log.info("Node {} polls the job queue", node);
  }

  @Override
  public void stop() {
    stopping.set(true);
    scheduler.stop();
    ticker.shutdownNow();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
