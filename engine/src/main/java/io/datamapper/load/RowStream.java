package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.load.copy.BinaryCopyEncoder;
import io.datamapper.load.copy.CopyErrors;
import io.datamapper.load.copy.CopyWriter;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The streaming half of an import: the file's records, read on the pump thread, mapped and encoded
 * here, written to {@code COPY ... FROM STDIN (FORMAT binary)} by the writer thread, with bad rows
 * handed to {@link BadRows}, lookup match values and child rows filled on the way, the cancel flag
 * checked and progress reported per batch. Counts what it read and filtered (read by {@link
 * ImportRun}, also after a failure). Not thread-safe: one per import.
 */
final class RowStream {
  private static final long PROGRESS_NANOS = 200_000_000L;
  private final ImportRequest request;
  private final ReadLimits limits;
  private final Long importId;
  private final BadRows bad;
  private final long startNanos;
  private LookupPlan lookups;
  private ChildLoad children;
  private DirectKeys direct;

  /** Records read so far. */
  long read;

  /** Rows the mapping's filter left out. */
  long filtered;

  RowStream(ImportRequest request, ReadLimits limits, Long importId, BadRows bad, long startNanos) {
    this.request = request;
    this.limits = limits;
    this.importId = importId;
    this.bad = bad;
    this.startNanos = startNanos;
  }

  /** The lookups and child tables the next {@link #copy} fills (null: none). */
  void with(LookupPlan lookups, ChildLoad children) {
    this.lookups = lookups;
    this.children = children;
  }

  /**
   * The keys the next {@link #copy} checks each row's against, loading only new ones (null: all).
   */
  void direct(DirectKeys direct) {
    this.direct = direct;
  }

  /**
   * Streams the file through the pipeline into {@code COPY table (columns)}. Staged rows carry
   * their record and line numbers after the plan's columns; direct rows carry the import id when
   * the table has the lineage column. Returns the rows COPY took.
   */
  long copy(
      Connection c,
      RecordReader reader,
      LoadPlan plan,
      FileFingerprint fingerprint,
      String table,
      List<String> names,
      List<ColumnType> types,
      boolean freeze,
      boolean staged)
      throws SQLException, IOException {
    String sql =
        "COPY "
            + table
            + " ("
            + String.join(", ", names)
            + ") FROM STDIN (FORMAT binary"
            + (freeze ? ", FREEZE)" : ")");
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    BinaryCopyEncoder encoder =
        new BinaryCopyEncoder(
            types, BinaryCopyEncoder.DEFAULT_CHUNK_SIZE, maxRowBytes(types.size()));
    try (CopyWriter writer = new CopyWriter(copy, encoder, request.source().name());
        ChildRows kids =
            children == null
                ? null
                : children.rows(reader.fields(), limits, maxRowBytes(types.size()))) {
      RowMapper mapper = new RowMapper(plan, limits, reader.fields());
      int width = mapper.width();
      Object[] row = new Object[types.size()];
      if (!staged && plan.withLineage()) row[width] = importId;
      // nothing but COPY needs the values: parse them straight into the encoder's row
      boolean plain =
          mapper.encodes() && kids == null && direct == null && !(staged && lookups != null);
      long lastReport = System.nanoTime();
      writer.start();
      encoder.header();
      try (RecordPump pump = new RecordPump(reader, request.source().name())) {
        pump.start();
        List<RawRecord> batch;
        while ((batch = take(pump)) != null) {
          for (RawRecord r : batch) {
            read++;
            if (staged) {
              row[width] = r.number();
              row[width + 1] = r.line();
            }
            if (plain) {
              RowProblem refused = encodeRow(mapper, encoder, r, row, width);
              if (refused != null) bad.reject(reader, r, refused);
              else if (encoder.chunkReady()) writer.submit(encoder.takeChunk());
              continue;
            }
            if (!mapper.map(r, row)) {
              if (mapper.filtered()) {
                filtered++;
                continue;
              }
              bad.reject(reader, r, mapper.problem());
              continue;
            }
            RowProblem unmatchable =
                staged && lookups != null ? lookups.fill(r, row, () -> reader.raw(r)) : null;
            if (unmatchable != null) {
              bad.reject(reader, r, unmatchable);
              continue;
            }
            if (kids != null && !kids.map(r, row)) {
              bad.reject(reader, r, kids.problem());
              continue;
            }
            int mark = encoder.mark();
            try {
              encoder.writeRow(row);
            } catch (IllegalArgumentException e) {
              // a value PostgreSQL could not take (e.g. text with an unpaired surrogate)
              int at = encoder.failedField();
              LoadPlan.Bound col = at >= 0 && at < width ? plan.columns().get(at) : null;
              bad.reject(
                  reader,
                  r,
                  new RowProblem(
                      r.number(),
                      r.line(),
                      col == null ? null : col.spec().name(),
                      col == null ? null : col.sourceField(),
                      null,
                      e.getMessage(),
                      RowProblem.UNSTORABLE_VALUE));
              continue;
            }
            if (direct != null && !direct.admit(row)) {
              // a key met before (in the table or the file): counted, not loaded
              encoder.rewind(mark);
              continue;
            }
            RowProblem childProblem = kids == null ? null : kids.write(r);
            if (childProblem != null) {
              encoder.rewind(mark);
              bad.reject(reader, r, childProblem);
              continue;
            }
            if (encoder.chunkReady()) writer.submit(encoder.takeChunk());
          }
          if (request.cancelled().getAsBoolean())
            throw new ImportCancelledException(request.source().name(), read);
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
      long copied = copy.endCopy();
      if (kids != null) {
        kids.finish();
        children.copy(c);
      }
      return copied;
    } catch (SQLException e) {
      throw new DataMapperException(
          request.source().name()
              + ": PostgreSQL refused the rows: "
              + CopyErrors.explain(e)
              + ". Nothing was imported.",
          e);
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

  /**
   * The plain path: the mapped columns parsed straight into a COPY row, then the extra columns of
   * {@code row} from {@code width} on (lineage or staging numbers). Returns null when the row went
   * in, else why it was refused, exactly as mapping then {@link BinaryCopyEncoder#writeRow} would.
   */
  private static RowProblem encodeRow(
      RowMapper mapper, BinaryCopyEncoder encoder, RawRecord r, Object[] row, int width) {
    encoder.startRow();
    if (!mapper.encode(r, encoder.fields())) {
      encoder.abortRow();
      return mapper.problem();
    }
    try {
      for (int k = width; k < row.length; k++) encoder.write(row[k]);
      encoder.endRow();
      return null;
    } catch (IllegalArgumentException e) {
      encoder.abortRow();
      return new RowProblem(
          r.number(), r.line(), null, null, null, e.getMessage(), RowProblem.UNSTORABLE_VALUE);
    }
  }

  /**
   * A COPY of every record straight into {@code into} (the plan's columns and lineage, no staging
   * columns); returns the rows sent.
   */
  long copyToTarget(
      Connection c,
      RecordReader reader,
      LoadPlan plan,
      FileFingerprint fingerprint,
      String into,
      boolean fresh)
      throws SQLException, IOException {
    return copy(c, reader, plan, fingerprint, into, names(plan), plan.types(), fresh, false);
  }

  /** The quoted columns of a COPY straight into the target: the plan's, and lineage. */
  static List<String> names(LoadPlan plan) {
    List<String> names =
        new ArrayList<>(
            plan.columns().stream().map(b -> Identifiers.quote(b.spec().name())).toList());
    if (plan.withLineage()) names.add(Identifiers.quote(Identifiers.IMPORT_ID));
    return names;
  }

  /**
   * The most a row within the limits can take in the COPY stream: 4 bytes per character of the
   * record (UTF-8 needs at most 3; array elements add a length word), a chunk, and the fixed-size
   * fields. The encoder's buffer never grows past it.
   */
  private long maxRowBytes(int columns) {
    return 4L * limits.maxRecordChars() + BinaryCopyEncoder.DEFAULT_CHUNK_SIZE * 2L + 32L * columns;
  }

  private List<RawRecord> take(RecordPump pump) throws IOException {
    try {
      return pump.take();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataMapperException(
          "The import of " + request.source().name() + " was interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void report(FileFingerprint fingerprint) {
    try {
      request
          .progress()
          .onProgress(
              new Progress(
                  read,
                  bad.count(),
                  fingerprint.bytesRead(),
                  request.source().size(),
                  System.nanoTime() - startNanos));
    } catch (RuntimeException ignored) {
      // a broken progress display must not break the import
    }
  }
}
