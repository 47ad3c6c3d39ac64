package io.datamapper.load;

import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.load.copy.BinaryCopyEncoder;
import io.datamapper.load.copy.CopyChunk;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The loading thread's side of child tables: for each parent record, maps every element of its
 * arrays (all levels) with the child plans, and only when all of them map, encodes them into one
 * binary COPY stream per child table. PostgreSQL takes one COPY at a time per connection, and the
 * parent's COPY is running, so each stream is spooled to a temporary file and sent after it ({@link
 * #open}). A record is loaded whole or not at all: a bad element rejects it (the problem names the
 * path, element and column: {@code items[3].qty}). Not thread-safe: one per import.
 */
final class ChildRows implements AutoCloseable {
  private final List<Level> roots = new ArrayList<>();
  private final List<Level> all = new ArrayList<>();
  private final int[] rootFields;
  private RowProblem problem;

  /** One child table: its plan, mapper, encoder and spool file. */
  static final class Level {
    final ChildPlan plan;
    final boolean direct;
    final RowMapper mapper;
    final BinaryCopyEncoder encoder;
    final Path spool;
    final OutputStream out;
    final List<Level> children = new ArrayList<>();
    final List<Object[]> pending = new ArrayList<>();
    int mark;
    long rows;

    Level(ChildPlan plan, boolean direct, ReadLimits limits, long maxRowBytes) throws IOException {
      this.plan = plan;
      this.direct = direct;
      this.mapper = new RowMapper(plan.plan(), limits, plan.fields());
      this.encoder =
          new BinaryCopyEncoder(
              plan.stagingTypes(), BinaryCopyEncoder.DEFAULT_CHUNK_SIZE, maxRowBytes);
      this.spool = Files.createTempFile("datamapper-child-", ".copy");
      this.out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
      encoder.header();
    }
  }

  /**
   * @param direct whether the plan's rows go straight into its table (created by this import, every
   *     parent loaded): the last column then carries {@code importId} instead of the record number
   * @param fields the reader's fields, where the root arrays are found
   */
  ChildRows(
      List<ChildPlan> plans,
      java.util.function.Predicate<ChildPlan> direct,
      Long importId,
      List<String> fields,
      ReadLimits limits,
      long maxRowBytes)
      throws IOException {
    this.importId = importId;
    try {
      for (ChildPlan p : plans) roots.add(level(p, direct, limits, maxRowBytes));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    rootFields = new int[roots.size()];
    for (int i = 0; i < rootFields.length; i++)
      rootFields[i] = LoadPlan.findField(fields, plans.get(i).spec().path(), 0);
  }

  private final Long importId;

  private Level level(
      ChildPlan p, java.util.function.Predicate<ChildPlan> direct, ReadLimits limits, long max)
      throws IOException {
    Level l = new Level(p, direct.test(p), limits, max);
    all.add(l);
    for (ChildPlan c : p.children()) l.children.add(level(c, direct, limits, max));
    return l;
  }

  List<Level> levels() {
    return all;
  }

  RowProblem problem() {
    return problem;
  }

  /** Maps the children of {@code r}; false (see {@link #problem}) when one cannot be loaded. */
  boolean map(RawRecord r, Object[] parentRow) {
    for (Level l : all) l.pending.clear();
    for (int i = 0; i < roots.size(); i++) {
      Level l = roots.get(i);
      String text = rootFields[i] < 0 ? null : r.values()[rootFields[i]];
      List<JsonNode> elements;
      try {
        elements = ChildElements.parse(text);
      } catch (ChildElements.NotAnArray e) {
        problem = notAnArray(r, l.plan.spec().path(), text, e);
        return false;
      }
      if (!map(l, elements, parentRow, r, "")) return false;
    }
    return true;
  }

  private boolean map(
      Level l, List<JsonNode> elements, Object[] parentRow, RawRecord r, String at) {
    ChildPlan plan = l.plan;
    int keys = plan.keys().size();
    int own = plan.plan().columns().size();
    List<String> fields = plan.fields();
    int position = 0;
    for (JsonNode e : elements) {
      position++;
      String here = at + plan.spec().path() + "[" + position + "]";
      String[] values = new String[fields.size()];
      for (int j = 0; j < values.length; j++) values[j] = ChildElements.text(e, fields.get(j));
      Object[] row = new Object[plan.width()];
      Object[] mapped = new Object[own];
      if (!l.mapper.map(new RawRecord(r.number(), r.line(), values), mapped)) {
        RowProblem p = l.mapper.problem();
        problem =
            new RowProblem(
                r.number(),
                r.line(),
                here + (p.column() == null ? "" : "." + p.column()),
                p.sourceField() == null ? null : here + "." + p.sourceField(),
                p.value(),
                p.reason(),
                p.code());
        return false;
      }
      for (int k = 0; k < keys; k++) row[k] = parentRow[plan.keys().get(k).parentIndex()];
      row[keys] = position;
      System.arraycopy(mapped, 0, row, keys + 1, own);
      row[row.length - 1] = l.direct ? importId : (Object) r.number();
      l.pending.add(row);
      for (Level c : l.children) {
        List<JsonNode> nested;
        try {
          nested = ChildElements.at(e, c.plan.spec().path());
        } catch (ChildElements.NotAnArray x) {
          problem = notAnArray(r, here + "." + c.plan.spec().path(), null, x);
          return false;
        }
        if (!map(c, nested, row, r, here + ".")) return false;
      }
    }
    return true;
  }

  private static RowProblem notAnArray(RawRecord r, String path, String text, Exception e) {
    return new RowProblem(
        r.number(), r.line(), path, path, text, e.getMessage(), RowProblem.BAD_VALUE);
  }

  /**
   * Encodes the mapped rows of the record; null when done, else the problem (nothing of the record
   * is kept).
   */
  RowProblem write(RawRecord r) throws IOException {
    for (Level l : all) l.mark = l.encoder.mark();
    for (Level l : all) {
      for (Object[] row : l.pending) {
        try {
          l.encoder.writeRow(row);
        } catch (IllegalArgumentException e) {
          undo();
          int at = l.encoder.failedField() - l.plan.keys().size() - 1;
          List<LoadPlan.Bound> cols = l.plan.plan().columns();
          String column =
              l.plan.spec().path()
                  + "["
                  + row[l.plan.positionIndex()]
                  + "]"
                  + (at >= 0 && at < cols.size() ? "." + cols.get(at).spec().name() : "");
          return new RowProblem(
              r.number(),
              r.line(),
              column,
              null,
              null,
              e.getMessage(),
              RowProblem.UNSTORABLE_VALUE);
        }
      }
    }
    for (Level l : all) {
      l.rows += l.pending.size();
      if (l.encoder.chunkReady()) spill(l);
    }
    return null;
  }

  /** Drops the rows {@link #write} encoded for the current record. */
  private void undo() {
    for (Level l : all) l.encoder.rewind(l.mark);
  }

  private static void spill(Level l) throws IOException {
    CopyChunk chunk = l.encoder.takeChunk();
    l.out.write(chunk.bytes(), 0, chunk.length());
    l.encoder.recycle(chunk);
  }

  /** Ends every stream; call once, after the last record. */
  void finish() throws IOException {
    for (Level l : all) {
      l.encoder.trailer();
      spill(l);
      l.out.close();
    }
  }

  /** The finished COPY stream of {@code l}. */
  static InputStream open(Level l) throws IOException {
    return Files.newInputStream(l.spool);
  }

  @Override
  public void close() {
    for (Level l : all) {
      try {
        l.out.close();
      } catch (IOException ignored) {
        // deleted next
      }
      try {
        Files.deleteIfExists(l.spool);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans its temp directory
      }
    }
  }
}
