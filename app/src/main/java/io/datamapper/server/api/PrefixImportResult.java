package io.datamapper.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.datamapper.batch.BatchResult;
import io.datamapper.batch.ObjectOutcome;
import io.datamapper.load.ImportSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to {@code POST /map-b2-data} for a prefix: each object's result and the totals.
 *
 * @param status {@code succeeded} when no object failed, else {@code failed}
 * @param objects each object's result, in import order
 * @param imported how many objects were imported
 * @param skipped how many were skipped as already imported into their table
 * @param failed how many failed
 * @param rowsInserted rows inserted by all of them
 */
public record PrefixImportResult(
    String status,
    List<ObjectResult> objects,
    int imported,
    int skipped,
    int failed,
    long rowsInserted) {

  /**
   * One object's result; the members that do not apply are absent.
   *
   * @param url the object's URL
   * @param status imported, skipped or failed
   * @param summary the import summary when imported
   * @param previousImportId the earlier import when skipped
   * @param detail why it was skipped
   * @param error the problem detail when failed (type, title, status, detail and its members)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ObjectResult(
      String url,
      String status,
      ImportSummary summary,
      Long previousImportId,
      String detail,
      Map<String, Object> error) {

    static ObjectResult of(ObjectOutcome o) {
      String status = o.status().name().toLowerCase(Locale.ROOT);
      return switch (o.status()) {
        case IMPORTED -> new ObjectResult(o.uri(), status, o.summary(), null, null, null);
        case SKIPPED ->
            new ObjectResult(o.uri(), status, null, o.previousImportId(), o.detail(), null);
        case FAILED ->
            new ObjectResult(
                o.uri(), status, null, null, null, Problems.asMap(Problems.of(o.error())));
      };
    }
  }

  static PrefixImportResult of(BatchResult batch) {
    return new PrefixImportResult(
        batch.succeeded() ? "succeeded" : "failed",
        batch.objects().stream().map(ObjectResult::of).toList(),
        batch.imported(),
        batch.skipped(),
        batch.failed(),
        batch.rowsInserted());
  }
}
