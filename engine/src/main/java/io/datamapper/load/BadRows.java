package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.Policies;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The bad rows of one import under {@code policies.badRows}: each is counted and kept in the reject
 * store (when the import has a ledger row); {@code abort} stops the import at the first, {@code
 * max} and {@code maxRatio} cap how many may be skipped. Not thread-safe: one per import.
 */
final class BadRows implements AutoCloseable {
  private final DataSource dataSource;
  private final Long importId;
  private final String file;
  private final Policies policies;
  private RejectStore rejects;
  private Consumer<RowProblem> check;
  private long count;

  BadRows(DataSource dataSource, Long importId, String file, Policies policies) {
    this.dataSource = dataSource;
    this.importId = importId;
    this.file = file;
    this.policies = policies;
  }

  /** Rows rejected so far. */
  long count() {
    return count;
  }

  /** Rejects {@code r}; throws when the policy says the import stops here. */
  void reject(RecordReader reader, RawRecord r, RowProblem problem) {
    reject(problem, reader.raw(r));
  }

  /**
   * Runs {@code check} on each problem before it is counted: it may throw to stop the run (type
   * widening: a detected type a value breaks makes the import run again wider, see {@code
   * TypeWidening}).
   */
  void beforeEach(Consumer<RowProblem> check) {
    this.check = check;
  }

  /** Rejects a row known by its problem and its raw record (e.g. found bad in SQL). */
  void reject(RowProblem problem, String raw) {
    if (check != null) check.accept(problem);
    count++;
    if (importId != null) {
      if (rejects == null) rejects = new RejectStore(dataSource, importId);
      rejects.add(problem, raw);
    }
    if (policies.badRows() == Policies.BadRows.ABORT) {
      throw new RejectedRowException(file, problem);
    }
    if (policies.badRowsMax() != null && count > policies.badRowsMax()) {
      throw new RejectedRowException(
          file
              + ": more than "
              + policies.badRowsMax()
              + " bad rows (policies.badRows.max); the last: "
              + problem.describe()
              + ". Nothing was imported.",
          problem,
          true);
    }
  }

  /**
   * At the end: refuses the import when more than {@code maxRatio} of {@code read} rows are bad.
   */
  void checkRatio(long read) {
    Double ratio = policies.badRowsMaxRatio();
    if (ratio != null && read > 0 && count > ratio * read) {
      throw new DataMapperException(
          file
              + ": "
              + count
              + " of "
              + read
              + " rows are bad, more than the "
              + "allowed ratio "
              + ratio
              + " (policies.badRows.maxRatio). Nothing was imported.");
    }
  }

  @Override
  public void close() {
    if (rejects != null) rejects.close();
  }
}
