package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.format.DecompressionLimits;
import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import io.datamapper.format.RecordReaders;
import io.datamapper.format.SourceInput;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
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
 * One import from start to end (see {@link Importer}): opens the source, checks the plan,
 * creates or empties the table, runs the pipeline into COPY, checks for a duplicate file and
 * finishes the ledger row, all in one transaction. {@code read} and {@code rejected} are read
 * by the importer's failure path for the ledger. Not thread-safe: one per import.
 */
final class ImportRun {
  private static final long PROGRESS_NANOS = 200_000_000L;
  private final DataSource dataSource;
  private final Ledger ledger;
  private final ImportRequest request;
  private final Long importId;
  private final boolean refuseDuplicates;
  private final long startNanos = System.nanoTime();
  long read;
  long rejected;
  private RejectStore rejects;
  private Format format;

  ImportRun(DataSource dataSource, Ledger ledger, ImportRequest request, Long importId, boolean refuseDuplicates) {
    this.dataSource = dataSource;
    this.ledger = ledger;
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
        // imports into one table take turns deciding whether to create it (two first imports
        // would otherwise race on CREATE TABLE); the lock ends with the transaction
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))")) {
          lock.setString(1, "datamapper.table:" + target.qualifiedName());
          lock.execute();
        }
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
          if (request.cancelled().getAsBoolean()) throw new ImportCancelledException(request.source().name(), read);
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

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next; PostgreSQL rolls back on close
    }
  }
}
