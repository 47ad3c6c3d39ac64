package io.datamapper.format.xml;

import com.ctc.wstx.exc.WstxEOFException;
import com.ctc.wstx.exc.WstxIOException;
import io.datamapper.format.BadFileException;
import io.datamapper.format.JsonStrings;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.format.Sizes;
import io.datamapper.format.TextInput;
import io.datamapper.mapping.XmlOptions;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the records of an XML file with Woodstox (StAX, streaming; DTDs and external entities are
 * never processed, see {@code SafeXml}). The record element is {@link XmlOptions#recordPath()} or,
 * when that is absent, detected in the first megabyte ({@link #detectRecordPath}). Fields are
 * flattened as {@code Flattener} describes: {@code @id}, {@code title}, {@code author.name}, {@code
 * author.@id}, {@code #text}, and a JSON array for repeated children. {@link #fields()} is the
 * union of the fields of the first 1,000 records (or of the records in about the first 1M
 * characters), in order of first appearance, then the requested fields they lacked; those records
 * are buffered and replayed. Later records fill only these fields. {@link RawRecord#number()} is
 * the record's index (1-based), {@link RawRecord#line()} the line of its start tag.
 *
 * <p>Problems in the file — malformed XML, an entity reference, a safety limit, no record element —
 * are {@link BadFileException}s naming the file, line and column; the whole file is parsed, so a
 * truncated file fails after its last record. Not thread-safe.
 */
public final class XmlRecordReader implements RecordReader {
  static final int SAMPLE_RECORDS = 1000;

  /** Records buffered for {@link #fields()} stop at about this many characters. */
  static final int SAMPLE_CHARS = 1024 * 1024;

  /** Bytes (characters with an encoding override) looked at to detect the record element. */
  static final int DETECT_SAMPLE = 1024 * 1024;

  /** {@link #raw} renders about this many characters at most. */
  static final int RAW_LIMIT = 64 * 1024;

  private final String fileName;
  private final Closeable input;
  private final XMLStreamReader xml;
  private final XmlScanner scanner;
  private final Flattener flattener;
  private final Set<String> arrayPaths;
  private final List<String> fields;
  private final String recordPath;
  private final ReadLimits limits;
  private List<String> sampled;
  private final Map<String, Integer> index = new HashMap<>();
  private final ArrayDeque<RawRecord> buffered = new ArrayDeque<>();
  private long number;

  /**
   * @param in the file's bytes (already decompressed); the reader owns and closes it
   * @param encoding a charset name that overrides the XML declaration, or null to follow the
   *     byte-order mark and the declaration (UTF-8 when neither says otherwise)
   * @param options record path and namespace mode; null (or a null path) means detect, local names
   * @param fileName for messages
   * @param requestedFields source fields the mapping reads, added to {@link #fields()} when the
   *     first records lack them; may be null
   * @throws BadFileException when the file is not well-formed XML or has no records
   */
  public XmlRecordReader(
      InputStream in,
      String encoding,
      XmlOptions options,
      String fileName,
      List<String> requestedFields)
      throws IOException {
    this(in, encoding, options, fileName, requestedFields, ReadLimits.DEFAULT);
  }

  /** As the other constructor, bounded by {@code limits}. */
  public XmlRecordReader(
      InputStream in,
      String encoding,
      XmlOptions options,
      String fileName,
      List<String> requestedFields,
      ReadLimits limits)
      throws IOException {
    this.fileName = fileName;
    this.limits = limits;
    XMLInputFactory factory = SafeXml.factory(limits);
    boolean keepPrefixes = options != null && options.keepPrefixes();
    String path =
        options == null || options.recordPath() == null || options.recordPath().isBlank()
            ? null
            : options.recordPath();
    Closeable source = in;
    XMLStreamReader parser = null;
    try {
      if (encoding == null || encoding.isBlank()) {
        BufferedInputStream bytes = new BufferedInputStream(in, 64 * 1024);
        source = bytes;
        if (path == null) {
          bytes.mark(DETECT_SAMPLE + 1);
          byte[] sample = bytes.readNBytes(DETECT_SAMPLE);
          bytes.reset();
          path =
              detect(
                  SafeXml.open(new ByteArrayInputStream(sample), fileName, factory),
                  sample.length < DETECT_SAMPLE,
                  keepPrefixes);
        }
        parser = SafeXml.open(bytes, fileName, factory);
      } else {
        BufferedReader chars = new BufferedReader(TextInput.open(in, encoding).reader(), 64 * 1024);
        source = chars;
        if (path == null) {
          chars.mark(DETECT_SAMPLE + 1);
          char[] sample = new char[DETECT_SAMPLE];
          int total = 0;
          for (int n;
              total < sample.length && (n = chars.read(sample, total, sample.length - total)) > 0; )
            total += n;
          chars.reset();
          path =
              detect(
                  SafeXml.open(new CharArrayReader(sample, 0, total), fileName, factory),
                  total < DETECT_SAMPLE,
                  keepPrefixes);
        }
        parser = SafeXml.open(chars, fileName, factory);
      }
      input = source;
      xml = parser;
      RecordPath recordPath = RecordPath.parse(path, keepPrefixes);
      this.recordPath = recordPath.toString();
      scanner = new XmlScanner(xml, recordPath, keepPrefixes, fileName, limits);

      List<Element> sample = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      long chars = 0;
      Element e;
      while (sample.size() < SAMPLE_RECORDS
          && chars < SAMPLE_CHARS
          && (e = scanner.next()) != null) {
        sample.add(e);
        lines.add(scanner.line());
        chars += scanner.recordChars();
      }
      if (sample.isEmpty()) {
        String candidates = scanner.candidates();
        throw new BadFileException(
            fileName
                + " has no <"
                + recordPath.elementName()
                + "> records (record path "
                + recordPath
                + ")"
                + (candidates.isEmpty()
                    ? ""
                    : "; elements that repeat: "
                        + candidates
                        + "; set source.xml.recordPath to one of them"));
      }
      Set<String> arrays = new HashSet<>();
      for (Element s : sample) Flattener.collectArrayPaths(s, "", arrays);
      arrays.addAll(elementPaths(sample, requestedFields, arrays));
      arrayPaths = Set.copyOf(arrays);
      flattener = new Flattener(arrayPaths);
      fields = fieldsOf(sample, requestedFields);
      for (int i = 0; i < fields.size(); i++) index.putIfAbsent(fields.get(i), i);
      for (int i = 0; i < sample.size(); i++) buffered.add(toRecord(sample.get(i), lines.get(i)));
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(parser);
      source.close();
      throw e;
    }
  }

  /**
   * Requested fields that name an element with children in the sample (not a field of its own): a
   * child table's path ({@code items.item}) seen only once per record. They are read as arrays, so
   * a lone element arrives as a one-element array, as it does when it repeats.
   */
  private static Set<String> elementPaths(
      List<Element> sample, List<String> requested, Set<String> arrays) {
    Set<String> out = new HashSet<>();
    if (requested == null || requested.isEmpty()) return out;
    Set<String> seen = new HashSet<>();
    Flattener plain = new Flattener(arrays);
    for (Element e : sample) plain.record(e, (name, value) -> seen.add(name));
    for (String r : requested) {
      if (r == null || seen.contains(r) || arrays.contains(r)) continue;
      String prefix = r + ".";
      if (seen.stream().anyMatch(n -> n.startsWith(prefix))) out.add(r);
    }
    return out;
  }

  private List<String> fieldsOf(List<Element> sample, List<String> requested) {
    Set<String> seen = new LinkedHashSet<>();
    for (Element e : sample) flattener.record(e, (name, value) -> seen.add(name));
    List<String> names = new ArrayList<>(seen);
    sampled = List.copyOf(names);
    Set<String> folded = new HashSet<>();
    for (String n : names) folded.add(n.strip().toLowerCase(Locale.ROOT));
    if (requested != null) {
      for (String r : requested) {
        // a seen field that differs only in case is matched by the mapping already: do not shadow
        // it
        if (r != null && folded.add(r.strip().toLowerCase(Locale.ROOT))) names.add(r);
      }
    }
    return List.copyOf(names);
  }

  /**
   * Detects the record element from the start of an XML file: among element paths below the root
   * that occur at least twice, those inside another one are dropped and the one whose occurrences
   * span the most characters wins (the earlier on a tie); when nothing repeats, the first element
   * below the root. A sample cut off anywhere is fine. Thread-safe.
   *
   * @param keepPrefixes name elements {@code prefix:local} instead of by local name
   * @return an absolute path such as {@code /rss/channel/item}, or null when the sample shows no
   *     element below the root
   */
  public static String detectRecordPath(byte[] sample, int length, boolean keepPrefixes) {
    XMLStreamReader xml = SafeXml.open(new ByteArrayInputStream(sample, 0, length), "sample");
    try {
      List<String> ranked = PathCounter.scan(xml, keepPrefixes).ranked();
      return ranked.isEmpty() ? null : ranked.get(0);
    } finally {
      closeQuietly(xml);
    }
  }

  private String detect(XMLStreamReader sample, boolean wholeFile, boolean keepPrefixes)
      throws IOException {
    try {
      PathCounter counter = PathCounter.scan(sample, keepPrefixes);
      List<String> ranked = counter.ranked();
      if (!ranked.isEmpty()) return ranked.get(0);
      Exception error = counter.error();
      // a sample cut off mid-document ends in an EOF (or a cut character); any other error is the
      // file's
      if (error != null
          && (wholeFile
              || !(error instanceof WstxEOFException || error instanceof WstxIOException))) {
        IOException io = SafeXml.ioCause(error);
        if (io != null) throw io;
        throw SafeXml.badFile(fileName, error, sample);
      }
      throw new BadFileException(
          fileName
              + ": cannot find the record element (no element below the root"
              + (wholeFile ? "" : " in the first megabyte")
              + "); set source.xml.recordPath, e.g. /catalog/book");
    } finally {
      closeQuietly(sample);
    }
  }

  /** The record path in use: as given, or as detected. */
  public String recordPath() {
    return recordPath;
  }

  @Override
  public List<String> sampledFields() {
    return sampled;
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public RawRecord next() throws IOException {
    RawRecord r = buffered.pollFirst();
    if (r != null) return r;
    Element e = scanner.next();
    return e == null ? null : toRecord(e, scanner.line());
  }

  private RawRecord toRecord(Element e, long line) {
    String[] values = new String[fields.size()];
    long record = ++number;
    flattener.record(
        e,
        (name, value) -> {
          Integer i = index.get(name);
          if (i == null) return;
          // a text node is bounded by the parser; an array of repeated children only here
          if (value != null && value.length() > limits.maxValueChars()) {
            throw new LimitExceededException(
                fileName,
                "in record "
                    + record
                    + " (line "
                    + line
                    + "), field '"
                    + Sizes.shorten(name, 100)
                    + "' is longer than "
                    + Sizes.count(limits.maxValueChars())
                    + " characters",
                limits.maxValueChars(),
                ReadLimits.VALUE);
          }
          values[i] = value;
        });
    return new RawRecord(record, line, values);
  }

  /**
   * The record's non-null fields as a compact JSON object (arrays inline), cut at about 64K
   * characters.
   */
  @Override
  public String raw(RawRecord record) {
    StringBuilder json = new StringBuilder(256).append('{');
    String[] values = record.values();
    for (int i = 0; i < values.length && i < fields.size(); i++) {
      String v = values[i];
      if (v == null) continue;
      if (json.length() > 1) json.append(',');
      JsonStrings.append(json, fields.get(i));
      json.append(':');
      if (arrayPaths.contains(fields.get(i)) && v.startsWith("[")) {
        json.append(v);
      } else {
        JsonStrings.append(json, v);
      }
      if (json.length() > RAW_LIMIT) {
        json.setLength(RAW_LIMIT);
        return json.append("...(cut)").toString();
      }
    }
    return json.append('}').toString();
  }

  @Override
  public void close() throws IOException {
    closeQuietly(xml);
    input.close();
  }

  private static void closeQuietly(XMLStreamReader r) {
    if (r == null) return;
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // closing a Woodstox reader releases buffers; the input is closed by its owner
    }
  }
}
