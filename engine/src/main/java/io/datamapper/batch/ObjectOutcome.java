package io.datamapper.batch;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSummary;

/**
 * What became of one object of a batch. Exactly one of {@code summary} (imported), {@code
 * previousImportId} (skipped) and {@code error} (failed) is set, as {@link #status()} says.
 *
 * @param uri the object's URI, e.g. {@code b2://bucket/2026/a.csv}
 * @param status imported, skipped as already imported, or failed
 * @param summary the import's summary when imported, else null
 * @param previousImportId the earlier import of the same object when skipped, else null
 * @param detail why it was skipped or failed (a message for the user), else null
 * @param error the failure when failed, else null
 */
public record ObjectOutcome(
    String uri,
    Status status,
    ImportSummary summary,
    Long previousImportId,
    String detail,
    DataMapperException error) {

  /** How an object of a batch ended. */
  public enum Status {
    IMPORTED,
    SKIPPED,
    FAILED
  }

  static ObjectOutcome imported(String uri, ImportSummary summary) {
    return new ObjectOutcome(uri, Status.IMPORTED, summary, null, null, null);
  }

  static ObjectOutcome skipped(String uri, long previousImportId, String detail) {
    return new ObjectOutcome(uri, Status.SKIPPED, null, previousImportId, detail, null);
  }

  static ObjectOutcome failed(String uri, DataMapperException error) {
    return new ObjectOutcome(uri, Status.FAILED, null, null, error.getMessage(), error);
  }
}
