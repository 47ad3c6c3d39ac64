package io.datamapper.server.api;

import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskEvents;
import io.datamapper.server.jobs.TaskStore;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Background tasks: status and progress, a live progress stream, cancellation. */
@RestController
class TasksController {
  private final TaskStore store;
  private final TaskEvents events;
  private final ImportJobs jobs;

  TasksController(ReadConnections reads, TaskEvents events, ImportJobs jobs) {
    // reads run in read-only transactions under the statement timeout; cancelling writes through
    // ImportJobs
    this.store = new TaskStore(reads.dataSource());
    this.events = events;
    this.jobs = jobs;
  }

  @Operation(
      summary =
          "A task: status, phase, rows, bytes, percent, rows/s, ETA, node, then summary or error")
  @GetMapping("/tasks/{id}")
  @Requires(Role.READER)
  TaskView get(@PathVariable String id) {
    return find(id);
  }

  @Operation(
      summary = "Live progress (Server-Sent Events)",
      description =
          "`progress` events with the task as JSON while it runs, then one `done` event; the stream then ends.")
  @GetMapping(path = "/tasks/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Requires(Role.READER)
  SseEmitter events(@PathVariable String id) {
    return events.stream(UUID.fromString(find(id).id()));
  }

  @Operation(
      summary = "Cancel a task",
      description =
          "A queued task ends at once; a running import stops at its next batch "
              + "of rows and is rolled back. 409 when the task has already finished.")
  @PostMapping("/tasks/{id}/cancel")
  @Requires(Role.IMPORTER)
  ResponseEntity<TaskView> cancel(@PathVariable String id) {
    TaskView t = find(id);
    if (!jobs.cancel(UUID.fromString(t.id()))) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Task "
              + id
              + " has already finished ("
              + store.find(UUID.fromString(t.id())).map(TaskView::status).orElse("gone")
              + "); there is nothing to cancel.");
    }
    return ResponseEntity.accepted().body(find(id));
  }

  @Operation(summary = "Cancel a task (same as POST /tasks/{id}/cancel)")
  @DeleteMapping("/tasks/{id}")
  @Requires(Role.IMPORTER)
  ResponseEntity<TaskView> delete(@PathVariable String id) {
    return cancel(id);
  }

  private TaskView find(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "'"
              + id
              + "' is not a task id (a UUID such as the one POST /map-data?async=true returns).");
    }
    return store
        .find(uuid)
        .orElseThrow(() -> ApiException.notFound("There is no task " + id + "."));
  }
}
