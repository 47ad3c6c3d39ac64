package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.InternalException;
import io.datamapper.db.DatabaseUnavailableException;
import io.datamapper.db.SqlFailures;
import io.datamapper.format.ReadLimits;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.io.EOFException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs imports: the one entry point of the loading engine. For each request it checks the mapping
 * against the file's fields and the target table, then streams the file through a two-thread
 * pipeline (parse | map, coerce, encode, COPY) into PostgreSQL with binary COPY, in one
 * transaction, and records the import in the ledger. Thread-safe: concurrent imports each use their
 * own connection.
 */
public final class Importer {

  private final DataSource dataSource;
  private final Ledger ledger;
  private final ReadLimits limits;

  private Importer(DataSource dataSource, ReadLimits limits) {
    this.dataSource = dataSource;
    this.ledger = new Ledger(dataSource);
    this.limits = limits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Importer}; {@code dataSource} is required, {@code limits} default to {@link
   * ReadLimits#DEFAULT}.
   */
  public static final class Builder {
    private DataSource dataSource;
    private ReadLimits limits = ReadLimits.DEFAULT;

    public Builder dataSource(DataSource ds) {
      this.dataSource = ds;
      return this;
    }

    /** What one import may build from its file (values, records, xlsx parts, pattern time). */
    public Builder limits(ReadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Importer build() {
      return new Importer(Objects.requireNonNull(dataSource, "dataSource"), limits);
    }
  }

  /** The limits every import of this importer is read with. */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * Runs one import to the end.
   *
   * @throws MappingException when the mapping does not fit the file or table, or targets an
   *     internal schema ({@code datamapper}, {@code datamapper_undo}, {@code pg_catalog}, ...)
   *     (nothing written)
   * @throws RejectedRowException when a row is bad and the policy is abort (nothing written)
   * @throws AlreadyImportedException when the file was imported before and the policy is reject
   * @throws DatabaseUnavailableException when PostgreSQL became unreachable (nothing written; run
   *     it again later)
   * @throws DataMapperException for any other problem the user can act on
   */
  public ImportSummary run(ImportRequest request) {
    try {
      return runRecorded(request);
    } catch (DatabaseUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // before the import was recorded (duplicate checks, the ledger row itself): nothing to record
      if (DatabaseUnavailableException.isConnectionFailure(e)) {
        throw unreachable(request.source(), e)
            .withImportId(e instanceof DataMapperException d ? d.importId() : null);
      }
      throw e;
    }
  }

  private ImportSummary runRecorded(ImportRequest request) {
    Mapping mapping = request.mapping();
    ImportSource source = request.source();
    TargetSpec target = mapping.target();
    // an internal schema is refused before anything is recorded or read
    TargetTable.refuseInternalName(target);
    boolean refuseDuplicates =
        mapping.policies().duplicateFile() == Policies.DuplicateFile.REJECT && !request.force();
    if (refuseDuplicates
        && source.path() != null
        && ledger.seenNameAndSize(source.name(), source.size())) {
      refuseIfImported(source, target);
    }
    if (refuseDuplicates && source.etag() != null && source.size() >= 0) {
      // the same object version (URI, ETag, size): refused before a byte is downloaded
      Optional<ImportRecord> previous =
          ledger.findSucceededObject(
              source.uri(), source.etag(), source.size(), target.schema(), target.table());
      if (previous.isPresent()) throw new AlreadyImportedException(source.name(), previous.get());
    }
    try (Ledger.Running running =
        request.dryRun()
            ? null
            : ledger.begin(
                source.name(),
                source.uri(),
                source.size() < 0 ? null : source.size(),
                format(mapping),
                MappingWriter.toJson(mapping),
                target.schema(),
                target.table())) {
      Long importId = running == null ? null : running.id();
      if (importId != null && source.etag() != null) ledger.recordEtag(importId, source.etag());
      ImportRequest current = WideningRuns.first(dataSource, request);
      List<String> widened = new ArrayList<>();
      boolean direct = true;
      while (true) {
        ImportRun run =
            new ImportRun(dataSource, ledger, current, importId, refuseDuplicates, limits);
        if (!direct) run.withoutDirectKeys();
        try {
          return WideningRuns.withNotes(run.execute(), widened);
        } catch (DirectKeys.Fallback fallback) {
          // the run is rolled back: run again through the staging table
          if (importId != null) WideningRuns.forgetRejects(dataSource, importId);
          widened.add(
              "read the file twice: the first pass stopped ("
                  + fallback.getMessage()
                  + "), the second went through the staging table");
          direct = false;
        } catch (TypeWidening.Needed needed) {
          // the run is rolled back: run again with the wider type
          current = WideningRuns.next(dataSource, current, importId, needed, widened);
        } catch (Error e) {
          if (running != null) running.fail("internal error: " + e, run.read(), run.bad.count());
          throw e;
        } catch (SQLException | IOException | RuntimeException e) {
          throw failure(e, source, running, run);
        }
      }
    }
  }

  /** The error a failed run ends with, recorded in the ledger on the import's own session. */
  private static RuntimeException failure(
      Exception e, ImportSource source, Ledger.Running running, ImportRun run) {
    Long importId = running == null ? null : running.id();
    DataMapperException error;
    if (DatabaseUnavailableException.isConnectionFailure(e)) {
      error = unreachable(source, e);
    } else if (e instanceof DataMapperException d) {
      error = d;
    } else if (e instanceof SQLException sql) {
      // a value or constraint of the user's table is the input's fault; any other refusal is a
      // statement Data Mapper got wrong
      String message = source.name() + ": PostgreSQL refused the import: " + sql.getMessage();
      error =
          SqlFailures.inputsFault(sql)
              ? new DataMapperException(message, sql)
              : new InternalException(message, sql);
    } else if (e instanceof IOException io) {
      error = new DataMapperException("Cannot read " + source.name() + ": " + describe(io), io);
    } else {
      if (running != null) running.fail("internal error: " + e, run.read(), run.bad.count());
      return (RuntimeException) e;
    }
    // when the whole database is gone this records nothing: a ledger read after it is back shows
    // the import as interrupted
    if (running != null) running.fail(error.getMessage(), run.read(), run.bad.count());
    return error.withImportId(importId);
  }

  private static DatabaseUnavailableException unreachable(ImportSource source, Exception e) {
    SQLException why = DatabaseUnavailableException.connectionFailure(e);
    return new DatabaseUnavailableException(
        "The database became unreachable while importing "
            + source.name()
            + " ("
            + (why == null || why.getMessage() == null ? e.getMessage() : why.getMessage())
            + "). Nothing was imported; run the same "
            + "import again once PostgreSQL is back.",
        e);
  }

  /** An I/O failure in words; some (a gzip cut short) come without a message. */
  private static String describe(IOException e) {
    if (e.getMessage() != null) return e.getMessage();
    if (e instanceof EOFException) return "it ends unexpectedly (truncated or damaged)";
    return e.getClass().getSimpleName();
  }

  private void refuseIfImported(ImportSource source, TargetSpec target) {
    try (Connection c = dataSource.getConnection()) {
      String sha = FileFingerprint.of(source.path());
      Optional<ImportRecord> previous =
          ledger.findSucceeded(c, sha, target.schema(), target.table());
      if (previous.isPresent()) throw new AlreadyImportedException(source.name(), previous.get());
    } catch (SQLException | IOException e) {
      throw new DataMapperException(
          "Cannot check whether " + source.name() + " was imported before: " + e.getMessage(), e);
    }
  }

  private static String format(Mapping m) {
    return m.source().format() == null ? null : m.source().format().spelling();
  }
}
