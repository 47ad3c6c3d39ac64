package io.datamapper.batch;

import io.datamapper.Blame;
import io.datamapper.DataMapperException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.ImportCancelledException;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Imports every object of a prefix as its own import: the one loop behind {@code datamapper import
 * b2://bucket/prefix/} and {@code POST /map-b2-data} with a prefix. The face says how one object is
 * imported (mapping, progress, cancellation); this class decides what is skipped, what stops the
 * batch and what is counted. Thread-safe if the {@link Ledger} is (it is).
 */
public final class BatchImport {
  /** Imports one object; the face detects or reads the mapping and reports progress. */
  @FunctionalInterface
  public interface ImportOne {
    /**
     * @throws DataMapperException when the object cannot be imported
     */
    ImportSummary run(ImportSource source);
  }

  /**
   * What the batch was asked for, as far as skipping goes.
   *
   * @param table the target table named by the caller ({@code table} or {@code schema.table}), or
   *     null when each object's mapping decides
   * @param mappingGiven whether the caller gave a mapping (then the importer itself recognises an
   *     object already imported, before downloading it)
   * @param force import objects again even when already imported
   */
  public record Options(String table, boolean mappingGiven, boolean force) {}

  private final Ledger ledger;

  public BatchImport(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * The earlier successful import of this very object version (URI, ETag, size) into the named
   * table, looked up before the object is read. Empty when a mapping was given (the importer checks
   * then), no table was named, {@code force} is set or the store gave no ETag or size. Without a
   * mapping the mapping is detected from the object's start, which would read it; this avoids that.
   */
  public Optional<ImportRecord> importedBefore(ImportSource source, Options options) {
    if (options.mappingGiven()
        || options.table() == null
        || options.force()
        || source.etag() == null
        || source.size() < 0) {
      return Optional.empty();
    }
    TableName name;
    try {
      name = TableName.parse(options.table());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the mapping step refuses the name, with the reason
    }
    return ledger.findSucceededObject(
        source.uri(), source.etag(), source.size(), name.schemaOr("public"), name.table());
  }

  /**
   * Imports every source in order; {@code each} hears every outcome as it happens (a CLI prints a
   * line). An object already imported is skipped, a failed one is recorded and the batch goes on.
   *
   * @throws ImportCancelledException when the batch is cancelled: the objects after it are not
   *     imported
   * @throws DataMapperException blamed on the environment (PostgreSQL unreachable): the objects
   *     after this one would fail the same way
   */
  public BatchResult run(
      List<ImportSource> sources,
      Options options,
      ImportOne importOne,
      Consumer<ObjectOutcome> each) {
    List<ObjectOutcome> outcomes = new ArrayList<>(sources.size());
    int imported = 0;
    int skipped = 0;
    int failed = 0;
    long rows = 0;
    for (ImportSource source : sources) {
      ObjectOutcome outcome;
      try {
        Optional<ImportRecord> before = importedBefore(source, options);
        if (before.isPresent()) throw new AlreadyImportedException(source.name(), before.get());
        ImportSummary summary = importOne.run(source);
        imported++;
        rows += summary.rowsInserted();
        outcome = ObjectOutcome.imported(source.uri(), summary);
      } catch (AlreadyImportedException e) {
        skipped++;
        outcome = ObjectOutcome.skipped(source.uri(), e.previousImportId(), e.getMessage());
      } catch (ImportCancelledException e) {
        throw e;
      } catch (DataMapperException e) {
        if (stopsBatch(e)) throw e;
        failed++;
        outcome = ObjectOutcome.failed(source.uri(), e);
      }
      outcomes.add(outcome);
      each.accept(outcome);
    }
    return new BatchResult(outcomes, imported, skipped, failed, rows);
  }

  private static boolean stopsBatch(DataMapperException e) {
    return e.blame() == Blame.ENVIRONMENT || DatabaseUnavailableException.isConnectionFailure(e);
  }
}
