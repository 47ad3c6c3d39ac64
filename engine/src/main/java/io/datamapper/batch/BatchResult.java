package io.datamapper.batch;

import java.util.List;

/**
 * The outcome of a batch: one {@link ObjectOutcome} per object in order, and the totals.
 *
 * @param objects every object's outcome, in the order they were imported
 * @param imported how many objects were imported (or dry-run)
 * @param skipped how many were skipped as already imported into their table
 * @param failed how many failed
 * @param rowsInserted the rows inserted by all imported objects together
 */
public record BatchResult(
    List<ObjectOutcome> objects, int imported, int skipped, int failed, long rowsInserted) {

  public BatchResult {
    objects = List.copyOf(objects);
  }

  /** True when no object failed (skipped ones do not count as failures). */
  public boolean succeeded() {
    return failed == 0;
  }
}
