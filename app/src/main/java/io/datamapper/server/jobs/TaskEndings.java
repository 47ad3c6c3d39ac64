package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import io.datamapper.server.api.Problems;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/**
 * How a background task ends in {@code datamapper.tasks}: failed with the engine's problem, failed
 * with a bug, refused as forged, cancelled, or a prefix's list of results. Each writes the problem
 * detail the task's clients see, the same shape the API answers. Thread-safe.
 */
final class TaskEndings {
  private static final Logger log = LoggerFactory.getLogger(TaskEndings.class);
  private final TaskStore store;
  private final String node;

  TaskEndings(TaskStore store, String node) {
    this.store = store;
    this.node = node;
  }

  /** The import refused or failed on its input (or was cancelled): the engine's own problem. */
  void failed(UUID id, String status, DataMapperException e) {
    store.finish(id, status, e.importId(), null, problem(Problems.of(e)));
  }

  /** A bug: logged with its stack on this node, the task's problem says where to look. */
  void internalError(UUID id, Throwable e) {
    log.error("Task {} failed with an internal error", id, e);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error (a bug in Data Mapper; the server log of node "
                + node
                + " has the details): "
                + e);
    store.finish(id, "failed", null, null, problem(p));
  }

  /** A staged upload that is gone: the file has to be submitted again. */
  void stagedFileGone(UUID id, String stagedPath, String storeDescription) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.GONE,
            "The staged upload "
                + stagedPath
                + " is missing; "
                + storeDescription
                + " must be shared by every node. Submit the file again.");
    store.finish(id, "failed", null, null, problem(p));
  }

  /** A task whose row this server cannot have written, refused before anything it names is read. */
  void refused(UUID id, String why) {
    log.warn("Task {} refused: {}", id, why);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Task "
                + id
                + " was refused: "
                + why
                + ". Nothing was opened or read. Tasks come from this server's endpoints only; this row was written or changed by other means.");
    p.setType(URI.create("https://datamapper.io/problems/forged-task"));
    p.setTitle("Task refused");
    store.finish(id, "failed", null, null, problem(p));
  }

  /** A prefix import's results: failed when any object failed, each object's error in the list. */
  void prefixDone(UUID id, JsonNode list) {
    int failed = list.path("failed").asInt();
    ProblemDetail p =
        failed == 0
            ? null
            : ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                failed
                    + " of "
                    + list.path("objects").size()
                    + " objects failed; the summary lists each object's error.");
    store.finish(id, failed == 0 ? "succeeded" : "failed", null, list, problem(p));
  }

  private static JsonNode problem(ProblemDetail p) {
    return p == null ? null : TaskStore.JSON.valueToTree(Problems.asMap(p));
  }
}
