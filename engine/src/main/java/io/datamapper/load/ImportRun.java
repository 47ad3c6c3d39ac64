package io.datamapper.load;

import io.datamapper.db.ImportRole;
import io.datamapper.db.TableLock;
import io.datamapper.format.DecompressionLimits;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.format.RecordReaders;
import io.datamapper.format.SourceInput;
import io.datamapper.ledger.FileFingerprint;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.undo.UndoResult;
import io.datamapper.undo.Undoer;
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
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One import from start to end (see {@link Importer}): opens the source, checks the plan, creates
 * or empties the table, runs the pipeline into COPY, checks for a duplicate file and finishes the
 * ledger row, all in one transaction. The statements that move the file's rows (CREATE TABLE,
 * TRUNCATE, COPY, the merge) run as the import role ({@link ImportRole}); the ledger, rejects and
 * row pre-images are written as the connecting user. {@link #read()} and {@code bad} are read by
 * the importer's failure path for the ledger. Not thread-safe: one per import.
 */
final class ImportRun {
  private final DataSource dataSource;
  private final Ledger ledger;
  private final ImportRequest request;
  private final Long importId;
  private final boolean refuseDuplicates;
  private final ReadLimits limits;
  private final long startNanos = System.nanoTime();

  final BadRows bad;

  /** The rows on their way through the pipeline: what was read and filtered so far. */
  private final RowStream rows;

  /** The mapping's lookups, planned against the looked-up tables (null: none). */
  private LookupPlan lookups;

  private Format format;
  private ChildLoad children;
  private boolean directKeys = true;

  ImportRun(
      DataSource dataSource,
      Ledger ledger,
      ImportRequest request,
      Long importId,
      boolean refuseDuplicates,
      ReadLimits limits) {
    this.limits = limits;
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.request = request;
    this.importId = importId;
    this.refuseDuplicates = refuseDuplicates;
    this.bad =
        new BadRows(dataSource, importId, request.source().name(), request.mapping().policies());
    this.rows = new RowStream(request, limits, importId, bad, startNanos);
    if (request.widenTypes()) {
      bad.beforeEach(
          problem -> {
            ColumnType wider = TypeWidening.forProblem(request.mapping(), problem);
            if (wider != null) throw new TypeWidening.Needed(problem, wider);
          });
    }
  }

  ImportSummary execute() throws SQLException, IOException {
    Mapping mapping = request.mapping();
    ImportSource source = request.source();
    TargetSpec target = mapping.target();
    FileFingerprint fingerprint = new FileFingerprint(source.opener().open());
    SourceInput.Opened input;
    try {
      input =
          SourceInput.open(
              fingerprint, source.name(), mapping.source().format(), DecompressionLimits.DEFAULT);
    } catch (IOException | RuntimeException e) {
      fingerprint.close();
      throw e;
    }
    format = input.format();
    List<String> requested =
        Stream.concat(
                mapping.columns().stream().map(ColumnSpec::source),
                Stream.concat(
                    mapping.sourceFieldsInExpressions().stream(),
                    Stream.concat(
                        mapping.sourceFieldsInLookups().stream(),
                        ChildLoad.fields(mapping).stream())))
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    try (RecordReader reader =
            RecordReaders.open(
                input.stream(),
                mapping.source().withFormat(format),
                source.name(),
                requested,
                limits);
        Connection c = dataSource.getConnection()) {
      boolean lookingUp = !mapping.sourceFieldsInLookups().isEmpty();
      if (mapping.keyed() || lookingUp) Staging.prepareSession(c);
      TargetTable.refuseUnusable(c, target);
      if (lookingUp) LookupPlan.refuseInternal(c, mapping);
      ImportRole role = ImportRole.prepare(c, target.schema(), target.table());
      if (lookingUp) role = LookupPlan.grant(c, mapping, role);
      ChildLoad.grant(c, mapping);
      c.setAutoCommit(false);
      try {
        Outcome outcome = load(c, reader, fingerprint, role);
        String sha256 = fingerprint.finish();
        bad.checkRatio(rows.read);
        if (refuseDuplicates) {
          try (PreparedStatement lock =
              c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, sha256 + target.qualifiedName());
            lock.execute();
          }
          Optional<ImportRecord> previous =
              ledger.findSucceeded(c, sha256, target.schema(), target.table());
          if (previous.isPresent())
            throw new AlreadyImportedException(source.name(), previous.get());
        }
        KeyedMerge.Counts counts = outcome.counts();
        if (importId != null) {
          ledger.succeed(
              c,
              importId,
              sha256,
              fingerprint.bytesRead(),
              format.spelling(),
              new Ledger.Counts(
                  rows.read,
                  counts.inserted(),
                  counts.updated(),
                  counts.duplicateInFile(),
                  counts.duplicateInTable(),
                  bad.count(),
                  rows.filtered,
                  reader.skipped()),
              outcome.created());
          ledger.details(c, importId, reader.fields(), outcome.keptTable(), request.replayOf());
          if (children != null) children.record(c);
        }
        if (request.dryRun()) c.rollback();
        else c.commit();
        rows.report(fingerprint);
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return new ImportSummary(
            importId,
            target.qualifiedName(),
            source.name(),
            fingerprint.bytesRead(),
            sha256,
            rows.read,
            counts.inserted(),
            counts.updated(),
            counts.duplicateInFile(),
            counts.duplicateInTable(),
            bad.count(),
            outcome.created() && !request.dryRun(),
            millis,
            request.dryRun() ? "dry-run" : "succeeded",
            outcome.notes(),
            outcome.ddl(),
            rows.filtered,
            reader.skipped(),
            reader.skippedReason());
      } catch (SQLException | IOException | RuntimeException | Error e) {
        rollbackQuietly(c);
        throw e;
      }
    } finally {
      bad.close();
    }
  }

  /**
   * What loading did: counts, whether it created the table, the table a replace kept, notes and
   * DDL.
   */
  private record Outcome(
      KeyedMerge.Counts counts,
      boolean created,
      String keptTable,
      List<String> notes,
      List<String> ddl) {}

  /**
   * Plans the load, prepares the table (create, empty, or a new one to swap in) and moves the rows:
   * straight into the table with COPY, or, for a keyed mapping, into a staging table and from there
   * by the duplicate-row rule.
   */
  private Outcome load(
      Connection c, RecordReader reader, FileFingerprint fingerprint, ImportRole role)
      throws SQLException, IOException {
    Mapping mapping = request.mapping();
    TargetSpec target = mapping.target();
    String qualified = Identifiers.qualified(target.schema(), target.table());
    Policies.DuplicateRow rule = mapping.duplicateRule();
    List<String> notes = new ArrayList<>();
    if (mapping.policies().duplicateFile() == Policies.DuplicateFile.NEW_VERSION) {
      // this file is a new version of the last one of its name: that import is undone first,
      // in this transaction, so the table never shows both versions or neither
      Optional<Long> previous =
          ledger.latestByName(c, request.source().name(), target.schema(), target.table());
      if (previous.isPresent()) {
        UndoResult undone = new Undoer(dataSource).undoWithin(c, previous.get());
        notes.add(
            "a new version of "
                + request.source().name()
                + ": undid import #"
                + previous.get()
                + " ("
                + undone.describe()
                + ")");
      }
    }
    Optional<Map<String, TargetTable.Column>> existing =
        TargetTable.describe(c, target.schema(), target.table());
    // imports into one table take turns where it matters: creating it (two first imports
    // would race on CREATE TABLE), swapping it, and updating rows (the pre-images kept for
    // undo must be the rows as they are updated); the lock ends with the transaction. Child
    // tables such an import rewrites are locked after it (ChildLoad.lock), in the order undo uses
    boolean rewrites =
        target.mode() == LoadMode.REPLACE
            || target.mode() == LoadMode.TRUNCATE_INSERT && !mapping.children().isEmpty()
            || mapping.keyed() && rule == Policies.DuplicateRow.UPDATE;
    if (existing.isEmpty() || rewrites) {
      TableLock.lock(c, target.schema(), target.table());
      existing = TargetTable.describe(c, target.schema(), target.table());
    }
    LoadPlan plan =
        LoadPlan.create(mapping, reader.fields(), reader.sampledFields(), existing.orElse(null));
    // the raw record of a lookup reject is kept for export and replay when rejects are skipped;
    // under abort the first one ends the import, so staging every row's raw text is not worth it
    lookups =
        LookupPlan.create(
            c,
            mapping,
            plan,
            reader.fields(),
            importId != null && mapping.policies().badRows() == Policies.BadRows.SKIP);
    children = ChildLoad.plan(c, mapping, plan, importId);
    if (children != null && rewrites) children.lock(c);
    boolean unique = mapping.keyed() && rule != Policies.DuplicateRow.KEEP;
    List<String> ddl = new ArrayList<>();
    boolean created = !plan.tableExists();
    boolean replacing = !created && target.mode() == LoadMode.REPLACE;
    String into = qualified;
    String schemaDdl = created ? TargetTable.createSchema(c, target.schema(), role) : null;
    // from here to the swap, what runs only moves the file's rows: as the import role
    role.enter(c);
    if (created) {
      String table = TargetTable.create(c, target, TargetTable.planned(plan, mapping.keys()));
      ddl.add(schemaDdl == null ? table : schemaDdl + ";\n" + table);
      if (unique) ddl.add(TargetTable.addUniqueIndex(c, qualified, mapping.keys()));
    } else if (replacing) {
      ddl.add(Replacement.createShadow(c, target, importId));
      into = Identifiers.qualified(target.schema(), Replacement.shadowName(importId));
      if (unique
          && !TargetTable.hasUniqueIndex(c, target.schema(), target.table(), mapping.keys())) {
        ddl.add(TargetTable.addUniqueIndex(c, into, mapping.keys()));
      }
    } else {
      if (unique) TargetTable.refuseWithoutUniqueIndex(c, target, mapping.keys(), rule);
      if (target.mode() == LoadMode.TRUNCATE_INSERT) {
        // the child tables are emptied with the parent (an update would only replace children)
        List<String> emptied = new ArrayList<>(List.of(qualified));
        if (children != null) emptied.addAll(children.existingTables());
        String truncate = "TRUNCATE " + String.join(", ", emptied);
        try (Statement s = c.createStatement()) {
          s.execute(truncate);
        }
        ddl.add(truncate);
      }
    }
    // a table created or emptied in this transaction can take frozen rows: no later
    // anti-wraparound rewrite, hint bits set now (as pg_restore does)
    boolean fresh = created || replacing || target.mode() == LoadMode.TRUNCATE_INSERT;
    KeyedMerge.Counts counts;
    if (children != null) ddl.addAll(children.createTables(c, replacing));
    rows.with(lookups, children);
    DirectKeys direct =
        directKeys && DirectKeys.applies(mapping, lookups != null, children != null)
            ? DirectKeys.read(c, target, into, plan, mapping.keys(), fresh)
            : null;
    if (direct != null) {
      counts = direct.load(rows, c, reader, plan, fingerprint, into, fresh);
    } else if (mapping.keyed() || lookups != null) {
      Staging.create(c, plan);
      if (lookups != null) lookups.addStagingColumns(c);
      DirectKeys repeats =
          directKeys && lookups == null && children == null
              ? DirectKeys.repeats(c, mapping, into, plan)
              : null;
      rows.direct(repeats);
      long staged =
          rows.copy(
              c,
              reader,
              plan,
              fingerprint,
              Staging.TABLE,
              lookups == null ? Staging.copyColumns(plan) : lookups.copyColumns(plan),
              lookups == null ? Staging.types(plan) : lookups.types(plan),
              true,
              true);
      rows.direct(null);
      LookupResolver resolver = lookups == null ? null : new LookupResolver(c, lookups);
      if (resolver != null) {
        staged -= resolver.resolve(bad::reject, notes, mapping.keyed());
      }
      counts =
          !mapping.keyed()
              ? new KeyedMerge.Counts(resolver.insertAll(plan, into, importId), 0, 0, 0)
              : new KeyedMerge(
                      c,
                      role,
                      plan,
                      mapping.keys(),
                      target,
                      into,
                      importId,
                      request.source().name())
                  .withChildren(children == null ? null : children.updates())
                  .repeatsDropped(repeats == null ? -1 : repeats.repeated())
                  .apply(rule, mapping.policies().keep(), staged);
      if (children != null) children.merge(c, into, role);
    } else {
      long inserted = rows.copyToTarget(c, reader, plan, fingerprint, into, fresh);
      counts = new KeyedMerge.Counts(inserted, 0, 0, 0);
    }
    role.leave(c);
    String kept = null;
    if (replacing) {
      Replacement.Swap swap = Replacement.swap(c, ledger, target, importId);
      kept = swap.keptTable();
      ddl.addAll(swap.ddl());
      if (children != null) ddl.addAll(children.swap(c, swap.cleared()));
    }
    notes.addAll(plan.notes());
    if (children != null) notes.addAll(children.notes());
    notes.addAll(reader.notes());
    return new Outcome(counts, created, kept, List.copyOf(notes), List.copyOf(ddl));
  }

  /** Runs the keyed merge through the staging table only (after a {@link DirectKeys.Fallback}). */
  void withoutDirectKeys() {
    directKeys = false;
  }

  /** Records read so far (also after a failure). */
  long read() {
    return rows.read;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next; PostgreSQL rolls back on close
    }
  }
}
