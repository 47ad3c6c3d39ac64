package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import io.datamapper.format.DecompressionLimits;
import io.datamapper.format.RecordReaders;
import io.datamapper.format.SourceInput;
import io.datamapper.mapping.Format;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Runs imports: the one entry point of the loading engine. For each request it checks the
 * mapping against the file's fields and the target table, then streams the file through a
 * two-thread pipeline (parse | map, coerce, encode, COPY) into PostgreSQL with binary COPY,
 * in one transaction, and records the import in the ledger. Thread-safe: concurrent
 * imports each use their own connection.
 */
public final class Importer {
  private static final long PROGRESS_NANOS = 200_000_000L;

  private final DataSource dataSource;
  private final Ledger ledger;

  private Importer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.ledger = new Ledger(dataSource);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Importer}; {@code dataSource} is required. */
  public static final class Builder {
    private DataSource dataSource;

    public Builder dataSource(DataSource ds) {
      this.dataSource = ds;
      return this;
    }

    public Importer build() {
      return new Importer(Objects.requireNonNull(dataSource, "dataSource"));
    }
  }

  /**
   * Runs one import to the end.
   *
   * @throws MappingException when the mapping does not fit the file or table (nothing written)
   * @throws RejectedRowException when a row is bad and the policy is abort (nothing written)
   * @throws AlreadyImportedException when the file was imported before and the policy is reject
   * @throws DataMapperException for any other problem the user can act on
   */
  public ImportSummary run(ImportRequest request) {
    Mapping mapping = request.mapping();
    ImportSource source = request.source();
    TargetSpec target = mapping.target();
    if (target.mode() == LoadMode.REPLACE || target.mode() == LoadMode.UPSERT) {
      throw new MappingException(List.of("target.mode " + target.mode().spelling() + " is not supported yet; use append or truncate-insert"));
    }
    boolean refuseDuplicates = mapping.policies().duplicateFile() == Policies.DuplicateFile.REJECT && !request.force();
    if (refuseDuplicates && source.path() != null && ledger.seenNameAndSize(source.name(), source.size())) {
      refuseIfImported(source, target);
    }
    Long importId = request.dryRun() ? null : ledger.begin(source.name(), source.uri(), source.size() < 0 ? null : source.size(),
        format(mapping), MappingWriter.toJson(mapping), target.schema(), target.table());
    Run run = new Run(request, importId, refuseDuplicates);
    try {
      return run.execute();
    } catch (DataMapperException e) {
      if (importId != null) ledger.fail(importId, e.getMessage(), run.read, run.rejected);
      throw e;
    } catch (SQLException e) {
      DataMapperException error = new DataMapperException(source.name() + ": PostgreSQL refused the import: " + e.getMessage(), e);
      if (importId != null) ledger.fail(importId, error.getMessage(), run.read, run.rejected);
      throw error;
    } catch (IOException e) {
      DataMapperException error = new DataMapperException("Cannot read " + source.name() + ": " + e.getMessage(), e);
      if (importId != null) ledger.fail(importId, error.getMessage(), run.read, run.rejected);
      throw error;
    } catch (RuntimeException | Error e) {
      if (importId != null) ledger.fail(importId, "internal error: " + e, run.read, run.rejected);
      throw e;
    }
  }

  private void refuseIfImported(ImportSource source, TargetSpec target) {
    try (Connection c = dataSource.getConnection()) {
      String sha = FileFingerprint.of(source.path());
      Optional<ImportRecord> previous = ledger.findSucceeded(c, sha, target.schema(), target.table());
      if (previous.isPresent()) throw new AlreadyImportedException(source.name(), previous.get());
    } catch (SQLException | IOException e) {
      throw new DataMapperException("Cannot check whether " + source.name() + " was imported before: " + e.getMessage(), e);
    }
  }

  private static String format(Mapping m) {
    return m.source().format() == null ? null : m.source().format().spelling();
  }

  /** One import's state; fields are read by the failure path for the ledger. */
  private final class Run {
    private final ImportRequest request;
    private final Long importId;
    private final boolean refuseDuplicates;
    private final long startNanos = System.nanoTime();
    private long read;
    private long rejected;
    private RejectStore rejects;
    private Format format;

    Run(ImportRequest request, Long importId, boolean refuseDuplicates) {
      this.request = request;
      this.importId = importId;
      this.refuseDuplicates = refuseDuplicates;
    }

    ImportSummary execute() throws SQLException, IOException {
      Mapping mapping = request.mapping();
      ImportSource source = request.source();
      TargetSpec target = mapping.target();
      FileFingerprint fingerprint = new FileFingerprint(source.opener().open());
      SourceInput.Opened input;
      try {
        input = SourceInput.open(fingerprint, source.name(), mapping.source().format(), DecompressionLimits.DEFAULT);
      } catch (IOException | RuntimeException e) {
        fingerprint.close();
        throw e;
      }
      format = input.format();
      List<String> requested = mapping.columns().stream().map(ColumnSpec::source).filter(Objects::nonNull).distinct().toList();
      try (RecordReader reader = RecordReaders.open(input.stream(), mapping.source().withFormat(format), source.name(), requested);
           Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Map<String, TargetTable.Column>> existing = TargetTable.describe(c, target.schema(), target.table());
          LoadPlan plan = LoadPlan.create(mapping, reader.fields(), reader.sampledFields(), existing.orElse(null));
          boolean created = !plan.tableExists();
          if (created) {
            TargetTable.create(c, target, plannedColumns(plan));
          } else if (target.mode() == LoadMode.TRUNCATE_INSERT) {
            try (Statement s = c.createStatement()) {
              s.execute("TRUNCATE " + Identifiers.qualified(target.schema(), target.table()));
            }
          }
          // a table created or emptied in this transaction can take frozen rows: no later
          // anti-wraparound rewrite, hint bits set now (as pg_restore does)
          boolean freeze = created || target.mode() == LoadMode.TRUNCATE_INSERT;
          long inserted = copy(c, reader, plan, fingerprint, freeze);
          String sha256 = fingerprint.finish();
          checkRatio(mapping.policies());
          if (refuseDuplicates) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
              lock.setString(1, sha256 + target.qualifiedName());
              lock.execute();
            }
            Optional<ImportRecord> previous = ledger.findSucceeded(c, sha256, target.schema(), target.table());
            if (previous.isPresent()) throw new AlreadyImportedException(source.name(), previous.get());
          }
          List<String> notes = new ArrayList<>(plan.notes());
          if (rejected > 0) {
            notes.add(rejected + " rows rejected" + (importId == null ? "" : "; see: datamapper rejects " + importId));
          }
          if (importId != null) {
            ledger.succeed(c, importId, sha256, fingerprint.bytesRead(), format.spelling(),
                new Ledger.Counts(read, inserted, 0, 0, 0, rejected), created);
          }
          if (request.dryRun()) c.rollback(); else c.commit();
          report(fingerprint);
          long millis = (System.nanoTime() - startNanos) / 1_000_000;
          return new ImportSummary(importId, target.qualifiedName(), source.name(), fingerprint.bytesRead(), sha256,
              read, inserted, 0, 0, 0, rejected, created && !request.dryRun(), millis,
              request.dryRun() ? "dry-run" : "succeeded", notes);
        } catch (SQLException | IOException | RuntimeException | Error e) {
          rollbackQuietly(c);
          throw e;
        }
      } finally {
        if (rejects != null) rejects.close();
      }
    }

    private List<ColumnSpec> plannedColumns(LoadPlan plan) {
      return plan.columns().stream().map(b -> new ColumnSpec(b.spec().source(), b.spec().name(), b.type(),
          b.spec().nullable(), b.spec().defaultValue(), b.spec().format(), b.spec().transforms())).toList();
    }

    private long copy(Connection c, RecordReader reader, LoadPlan plan, FileFingerprint fingerprint, boolean freeze)
        throws SQLException, IOException {
      TargetSpec target = request.mapping().target();
      StringBuilder sql = new StringBuilder("COPY ").append(Identifiers.qualified(target.schema(), target.table())).append(" (");
      List<String> names = new ArrayList<>(plan.columns().stream().map(b -> Identifiers.quote(b.spec().name())).toList());
      if (plan.withLineage()) names.add(Identifiers.quote(Identifiers.IMPORT_ID));
      sql.append(String.join(", ", names)).append(") FROM STDIN (FORMAT binary").append(freeze ? ", FREEZE)" : ")");
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
      BinaryCopyEncoder encoder = new BinaryCopyEncoder(plan.types());
      try (CopyWriter writer = new CopyWriter(copy, encoder, request.source().name())) {
        RowMapper mapper = new RowMapper(plan);
        int width = mapper.width();
        Object[] row = new Object[plan.withLineage() ? width + 1 : width];
        if (plan.withLineage()) row[width] = importId;
        Policies policies = request.mapping().policies();
        long lastReport = System.nanoTime();
        writer.start();
        encoder.header();
        try (RecordPump pump = new RecordPump(reader, request.source().name())) {
          pump.start();
          List<RawRecord> batch;
          while ((batch = take(pump)) != null) {
            for (RawRecord r : batch) {
              read++;
              if (!mapper.map(r, row)) {
                reject(reader, r, mapper.problem(), policies);
                continue;
              }
              try {
                encoder.writeRow(row);
              } catch (IllegalArgumentException e) {
                // a value PostgreSQL could not take (e.g. text with an unpaired surrogate)
                int at = encoder.failedField();
                LoadPlan.Bound col = at >= 0 && at < width ? plan.columns().get(at) : null;
                reject(reader, r, new RowProblem(r.number(), r.line(), col == null ? null : col.spec().name(),
                    col == null ? null : col.sourceField(), null, e.getMessage(), null), policies);
                continue;
              }
              if (encoder.chunkReady()) writer.submit(encoder.takeChunk());
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_NANOS) {
              lastReport = now;
              report(fingerprint);
            }
          }
        }
        encoder.trailer();
        writer.submit(encoder.takeChunk());
        writer.finish();
        return copy.endCopy();
      } catch (SQLException e) {
        throw new DataMapperException(request.source().name() + ": PostgreSQL refused the rows: " + CopyErrors.explain(e)
            + ". Nothing was imported.", e);
      } finally {
        if (copy.isActive()) {
          try {
            copy.cancelCopy();
          } catch (SQLException ignored) {
            // the transaction is rolled back anyway
          }
        }
      }
    }

    private List<RawRecord> take(RecordPump pump) throws IOException {
      try {
        return pump.take();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DataMapperException("The import of " + request.source().name() + " was interrupted", e);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private void reject(RecordReader reader, RawRecord r, RowProblem problem, Policies policies) {
      rejected++;
      String raw = reader.raw(r);
      if (importId != null) {
        if (rejects == null) rejects = new RejectStore(dataSource, importId);
        rejects.add(problem, raw);
      }
      String file = request.source().name();
      if (policies.badRows() == Policies.BadRows.ABORT) {
        throw new RejectedRowException(file, problem);
      }
      if (policies.badRowsMax() != null && rejected > policies.badRowsMax()) {
        throw new RejectedRowException(file + ": more than " + policies.badRowsMax() + " bad rows (policies.badRows.max); the last: "
            + problem.describe() + ". Nothing was imported.", problem, true);
      }
    }

    private void checkRatio(Policies policies) {
      Double ratio = policies.badRowsMaxRatio();
      if (ratio != null && read > 0 && rejected > ratio * read) {
        throw new DataMapperException(request.source().name() + ": " + rejected + " of " + read + " rows are bad, more than the "
            + "allowed ratio " + ratio + " (policies.badRows.maxRatio). Nothing was imported.");
      }
    }

    private void report(FileFingerprint fingerprint) {
      try {
        request.progress().onProgress(new Progress(read, rejected, fingerprint.bytesRead(), request.source().size(),
            System.nanoTime() - startNanos));
      } catch (RuntimeException ignored) {
        // a broken progress display must not break the import
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next; PostgreSQL rolls back on close
    }
  }
}
