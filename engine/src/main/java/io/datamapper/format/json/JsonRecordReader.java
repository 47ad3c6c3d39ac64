package io.datamapper.format.json;

import io.datamapper.format.BadFileException;
import io.datamapper.format.JsonStrings;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.JsonOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonToken;

/**
 * Reads the records of a JSON file with Jackson's streaming parser, one at a time: the whole
 * document is never in memory.
 *
 * <p>Where the records are: the objects of a top-level array; every top-level object (one, or many
 * separated by whitespace or newlines: NDJSON / JSON Lines); or, with {@code
 * source.json.recordsPath} (dotted object keys such as {@code features} or {@code data.items}), the
 * objects of the array there. Without a path, a lone top-level object holding exactly one array of
 * objects within three keys of the top (a GeoJSON {@code features}, {@code
 * {"data":{"items":[...]}}}) is read as that array; any other lone object is one record. Files
 * named {@code .ndjson}, {@code .jsonl} or {@code .jsonlines} are read as one record per top-level
 * object without that guess. A top level that is a scalar or an array of non-objects has no records
 * ({@link BadFileException} saying so); an element of the records array that is not an object fails
 * with its record number and position.
 *
 * <p>Fields: nested objects flatten to {@code parent.child} at any depth; an array (of anything) is
 * one value, its compact JSON text, ready for a {@code jsonb} column; a requested field that names
 * an object gets the object's compact JSON text too. Strings are given as they are, numbers exactly
 * as written ({@code 0.1}, {@code 1e400}), booleans as {@code true}/{@code false}, JSON null as
 * null. {@link #fields()} is the union of the fields of the first {@value #SAMPLE_RECORDS} records
 * or first {@value #SAMPLE_BYTES} bytes (whichever ends first), in order of first appearance, then
 * the requested fields they lacked; a field that first appears later and is not requested is
 * ignored. Keys that contain dots are kept as they are, so {@code {"a.b":1}} and {@code
 * {"a":{"b":1}}} both give field {@code a.b}.
 *
 * <p>Limits (exceeding one is a {@link BadFileException} naming the line and column): from {@link
 * ReadLimits}, the nesting depth, a string's length, a nested value's length as JSON text and a
 * record's size (its values); a number literal {@value #MAX_NUMBER_CHARS} characters, a key {@value
 * #MAX_NAME_CHARS} characters. Malformed JSON fails with "malformed JSON at line L, column C" and
 * Jackson's reason.
 *
 * <p>How: Jackson's streaming parser, each key first compared by its bytes with the key at the same
 * place in the last record. After the sample, top-level objects one per line (JSON Lines) that hold
 * only known keys and scalar values are read straight from their bytes ({@code FlatLines}); at the
 * first line that does not suit, the parser reads on from that line, so the records and every
 * message are the same either way.
 *
 * <p>Not thread-safe: one thread reads. {@link #raw(RawRecord)} may be called from another thread
 * for records already returned.
 */
public final class JsonRecordReader implements RecordReader {
  /**
   * The default nesting limit: deeper nesting is not data but an attack on recursive readers (ours,
   * PostgreSQL's jsonb).
   */
  public static final int MAX_NESTING_DEPTH = ReadLimits.DEFAULT.maxNestingDepth();

  /**
   * Jackson's default: longer literals are not measurements, and converting them costs quadratic
   * time.
   */
  public static final int MAX_NUMBER_CHARS = 1000;

  /** Jackson's default: keys are field names; longer ones are hostile. */
  public static final int MAX_NAME_CHARS = 50_000;

  /**
   * PostgreSQL's limit of columns per table: fields of the sample beyond it are not listed
   * (requested ones are).
   */
  public static final int MAX_FIELDS = 1600;

  /** Records whose fields make up {@link #fields()}. */
  public static final int SAMPLE_RECORDS = 1000;

  /**
   * Bytes (characters when an encoding is given) read at most for the sample, unless one record is
   * longer.
   */
  public static final int SAMPLE_BYTES = 1024 * 1024;

  private final TokenSource src;
  private final RecordStream stream;
  private final FieldTree tree;
  private final Flattener flattener;
  private final List<String> fields;
  private final List<String> sampled;
  private final ArrayDeque<RawRecord> sample = new ArrayDeque<>();
  private long number;

  /** The fast way through the rest of a JSON Lines file while its lines suit it, else null. */
  private FlatLines flat;

  private long flatRecords;
  private boolean flatEnded;

  /**
   * Opens {@code in} (owned and closed by the reader) and reads the sample.
   *
   * @param encoding null to detect UTF-8/16/32 from the bytes; otherwise the charset to decode with
   * @param options null to find the records as described above
   * @param requestedFields source fields the mapping reads (may be empty)
   * @throws BadFileException when the start of the file is not JSON or has no records
   */
  public JsonRecordReader(
      InputStream in,
      String encoding,
      JsonOptions options,
      String fileName,
      List<String> requestedFields)
      throws IOException {
    this(in, encoding, options, fileName, requestedFields, ReadLimits.DEFAULT);
  }

  /** As the other constructor, bounded by {@code limits}. */
  public JsonRecordReader(
      InputStream in,
      String encoding,
      JsonOptions options,
      String fileName,
      List<String> requestedFields,
      ReadLimits limits)
      throws IOException {
    this(in, encoding, options, fileName, requestedFields, limits, true, true);
  }

  /**
   * As the other constructors; {@code predictKeys} false reads every key the general way, {@code
   * flatLines} false every line (tests compare the ways).
   */
  JsonRecordReader(
      InputStream in,
      String encoding,
      JsonOptions options,
      String fileName,
      List<String> requestedFields,
      ReadLimits limits,
      boolean predictKeys,
      boolean flatLines)
      throws IOException {
    this.src = TokenSource.open(in, encoding, fileName, limits);
    try {
      String path = options == null ? null : options.recordsPath();
      if (path == null && isJsonLines(fileName)) path = "";
      this.stream = new RecordStream(src, fileName, path);
      this.tree = new FieldTree(requestedFields == null ? List.of() : requestedFields);
      this.flattener = new Flattener(src, tree, fileName, predictKeys);
      boolean more = true;
      while (sample.size() < SAMPLE_RECORDS && (sample.isEmpty() || src.offset() < SAMPLE_BYTES)) {
        more = stream.next();
        if (!more) break;
        sample.add(read(new String[Math.max(8, tree.names().size())]));
      }
      this.sampled = List.copyOf(tree.names());
      tree.freeze();
      this.fields = List.copyOf(tree.names());
      int width = fields.size();
      for (int i = 0, n = sample.size(); i < n; i++) {
        RawRecord r = sample.poll();
        sample.add(new RawRecord(r.number(), r.line(), Arrays.copyOf(r.values(), width)));
      }
      if (flatLines && more && stream.betweenTopLevelObjects() && FlatLines.suits(tree)) {
        TokenSource.Handover rest = src.handOver();
        if (rest != null) {
          flat = FlatLines.over(rest, tree, width, limits.maxRecordChars(), limits.maxValueChars());
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      try {
        src.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static boolean isJsonLines(String fileName) {
    if (fileName == null) return false;
    String n = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|gzip|bz2|xz|zst|zip)$", "");
    return n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".jsonlines");
  }

  private RawRecord read(String[] into) throws IOException {
    long line = src.line();
    String[] values = flattener.read(into, number + 1, line);
    return new RawRecord(++number, line, values);
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public List<String> sampledFields() {
    return sampled;
  }

  /**
   * Where the records were found: dotted keys from the top-level object to their array ({@code
   * features}), or "" when the records are top-level (array elements or objects).
   */
  public String recordsPath() {
    return stream.recordsPath();
  }

  @Override
  public RawRecord next() throws IOException {
    if (!sample.isEmpty()) return sample.poll();
    if (flat != null) {
      String[] values = flat.next();
      if (values != null) {
        flatRecords++;
        return new RawRecord(++number, flat.recordLine(), values);
      }
      FlatLines.Stop stop = flat.stopped();
      flat = null;
      stream.countRead(flatRecords);
      if (stop == null) {
        flatEnded = true;
      } else {
        // the parser reads on from the line that did not suit, and words any error in it
        src.restart(stop.rest(), stop.line(), stop.column(), stop.offset());
      }
    }
    if (flatEnded || !stream.next()) return null;
    return read(new String[fields.size()]);
  }

  /**
   * The record as a JSON object rebuilt from its fields (the original text is not kept, to keep
   * memory bounded): nested again at the dots, arrays and objects as they were, null and absent
   * fields left out. Best effort: a string that reads as a number or boolean is shown as one.
   */
  @Override
  public String raw(RawRecord record) {
    Map<String, Object> root = new LinkedHashMap<>();
    String[] values = record.values();
    for (int i = 0; i < values.length && i < fields.size(); i++) {
      String v = values[i];
      if (v == null) continue;
      boolean bare =
          tree.isJson(i) && (v.startsWith("[") || v.startsWith("{"))
              || v.equals("true")
              || v.equals("false")
              || JsonText.isNumber(v);
      insert(root, tree.path(i), bare ? new Bare(v) : v);
    }
    StringBuilder sb = new StringBuilder();
    write(sb, root);
    return sb.toString();
  }

  private record Bare(String json) {}

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> root, String[] path, Object value) {
    Map<String, Object> at = root;
    for (int k = 0; k < path.length - 1; k++) {
      Object next = at.get(path[k]);
      if (next instanceof Map<?, ?> m) {
        at = (Map<String, Object>) m;
      } else if (next == null) {
        Map<String, Object> m = new LinkedHashMap<>();
        at.put(path[k], m);
        at = m;
      } else {
        return; // the whole object is already there as JSON text
      }
    }
    String last = path[path.length - 1];
    if (at.get(last) instanceof Map<?, ?> && !(value instanceof Bare)) return;
    at.put(last, value);
  }

  private static void write(StringBuilder sb, Object value) {
    if (value instanceof Bare b) {
      sb.append(b.json());
    } else if (value instanceof String s) {
      JsonStrings.append(sb, s);
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        JsonStrings.append(sb, (String) e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    }
  }

  /**
   * For detection: where the records of a JSON sample are, as {@link #recordsPath()} would say (""
   * for the top level), or null when the sample does not start like records (not JSON, or a
   * scalar). The sample may be cut short anywhere; it is read but not closed.
   */
  public static String detectRecordsPath(InputStream sample, String encoding) throws IOException {
    TokenSource src = TokenSource.open(new UnclosableInput(sample), encoding, "sample");
    try (src) {
      src.endOfInputIsEnd();
      JsonToken t = src.next();
      if (t == JsonToken.START_ARRAY) return "";
      if (t != JsonToken.START_OBJECT) return null;
      return String.join(".", RecordStream.detect(src));
    } catch (BadFileException e) {
      return null;
    }
  }

  /** Keeps the caller's stream open when the reader closes. */
  private static final class UnclosableInput extends FilterInputStream {
    UnclosableInput(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }

  @Override
  public void close() throws IOException {
    src.close();
  }
}
