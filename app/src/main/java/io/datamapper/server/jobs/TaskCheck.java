package io.datamapper.server.jobs;

import io.datamapper.DataMapperException;
import io.datamapper.storage.ObjectUri;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Checks a task row before anything it names is opened. Only this server's endpoints write tasks,
 * but the row lives in the database, where someone else may have written or changed it: an object
 * task's {@code url} must be a {@code b2://} or {@code s3://} object URL (all that {@code
 * /map-b2-data} creates: never {@code file:}, {@code http(s):} or a local path), and an upload's
 * staged file must lie where the {@link FileStore} staged it for this task. Stateless.
 */
final class TaskCheck {
  private TaskCheck() {}

  /** Why the task must not run, or null when it may. */
  static String problem(UUID id, TaskStore.Task task, FileStore files) {
    JsonNode request = task.request();
    if (request == null || !request.isObject()) return "it holds no request";
    if (request.has("url")) {
      JsonNode url = request.get("url");
      if (url == null || !url.isString() || !ObjectUri.matches(url.asString())) {
        return "its url "
            + shorten(url == null ? "null" : url.toString())
            + " is not a b2:// or s3:// object URL, the only kind "
            + "POST /map-b2-data puts in a task";
      }
      try {
        ObjectUri.parse(url.asString());
      } catch (DataMapperException e) {
        return e.getMessage();
      }
      return null;
    }
    return task.stagedPath() == null ? null : files.refusal(id, task.stagedPath());
  }

  static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }
}
