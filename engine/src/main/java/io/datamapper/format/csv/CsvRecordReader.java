package io.datamapper.format.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.RecordReader;
import io.datamapper.format.Sizes;
import io.datamapper.mapping.CsvOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads CSV/TSV with FastCSV, or with {@link EscapingCsvParser} for backslash escapes, for no
 * quoting and for a space delimiter (runs of spaces), which FastCSV does not read. Unquoted fields
 * equal to a null token become {@code null}; a quoted field is never null (as in PostgreSQL's CSV
 * COPY), so {@code ""} stays an empty string. A record whose field count differs from the header
 * fails with its line number, unless {@code raggedRows: pad} fits it (see {@link
 * CsvOptions.RaggedRows#PAD}). Without a header the fields are named {@code "1"}, {@code "2"}, ...
 * A field longer than {@link ReadLimits#maxValueChars()} or a record longer than {@link
 * ReadLimits#maxRecordChars()} (a missing closing quote, or a hostile file) stops the read with a
 * {@link LimitExceededException} before it is held in memory. Not thread-safe.
 */
public final class CsvRecordReader implements RecordReader {
  /** Fields in one record (FastCSV's own cap); PostgreSQL tables stop at 1,600 columns anyway. */
  static final int MAX_FIELDS = 16_384;

  /** Room in FastCSV's buffer beyond the longest field: one read and what is left of the last. */
  private static final int BUFFER_SLACK = 64 * 1024;

  /** One of the two is set: FastCSV for RFC 4180 (the fast path), our parser for the rest. */
  private final CsvReader<RawRecord> reader;

  private final Iterator<RawRecord> records;
  private final EscapingCsvParser escaping;
  private final List<String> fields;
  private final String fileName;
  private final CsvOptions options;
  private RawRecord first;
  private long lastLine;
  private final String charset;
  private final ReadLimits limits;
  private final RecordHandler handler;
  private List<String> names = List.of();
  private final RaggedRecords ragged;
  private long number;
  private boolean fittedLast;

  public CsvRecordReader(Reader in, CsvOptions options, String fileName) throws IOException {
    this(in, options, fileName, "UTF-8", ReadLimits.DEFAULT);
  }

  /**
   * {@code charset} names the encoding in messages about undecodable bytes; {@code limits} bound a
   * field and a record.
   */
  public CsvRecordReader(
      Reader in, CsvOptions options, String fileName, String charset, ReadLimits limits)
      throws IOException {
    this.fileName = fileName;
    this.charset = charset;
    this.options = options;
    this.limits = limits;
    this.ragged = new RaggedRecords(options, fileName);
    if (!options.quoting() || options.backslashEscapes() || options.delimiter() == ' ') {
      this.reader = null;
      this.records = null;
      this.handler = null;
      this.escaping = new EscapingCsvParser(in, options, fileName, limits);
      if (options.skipRows() > 0) escaping.skipLines(options.skipRows());
    } else {
      var builder =
          CsvReader.builder()
              .fieldSeparator(options.delimiter())
              .quoteCharacter(options.quote())
              .skipEmptyLines(true)
              .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
              .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
              .allowUnclosedQuote(
                  false) // a quote left open would swallow the rest of the file silently
              // FastCSV buffers one field at a time: this bounds the memory a huge field takes
              .maxBufferSize(
                  (int)
                      Math.min(
                          Integer.MAX_VALUE - 16L, (long) limits.maxValueChars() + BUFFER_SLACK));
      if (options.commentPrefix() != null) {
        builder.commentStrategy(CommentStrategy.SKIP).commentCharacter(options.commentPrefix());
      }
      this.handler =
          new RecordHandler(options.nullTokens(), limits.maxValueChars(), limits.maxRecordChars());
      this.reader = builder.build(handler, in);
      if (options.skipRows() > 0) reader.skipLines(options.skipRows());
      this.records = reader.iterator();
      this.escaping = null;
    }
    RawRecord head = fetch();
    if (head == null) {
      fields = List.of();
    } else if (options.header()) {
      List<String> header = new ArrayList<>();
      for (String v : head.values()) header.add(v == null ? "" : v);
      fields = List.copyOf(header);
    } else {
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= head.values().length; i++) header.add(String.valueOf(i));
      fields = List.copyOf(header);
      first = head;
    }
    names = fields;
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public List<String> notes() {
    return ragged.notes();
  }

  @Override
  public RawRecord next() throws IOException {
    RawRecord r;
    if (first != null) {
      r = first;
      first = null;
    } else {
      r = fetch();
    }
    if (r == null) return null;
    number++;
    fittedLast = false;
    if (r.values().length != fields.size()) {
      String[] fitted = ragged.fit(r, number, fields.size());
      if (fitted != null) {
        fittedLast = true; // cut fields may have held characters: let the caller count
        return new RawRecord(number, r.line(), fitted);
      }
    }
    if (r.values().length != fields.size()) {
      // only this record is spoilt: the loader rejects it (or stops, with policy abort)
      return new RawRecord(
          number,
          r.line(),
          r.values(),
          "has "
              + r.values().length
              + " fields, but the header has "
              + fields.size()
              + (fields.size() == 1 && r.values().length > 1 ? " (is the delimiter right?)" : ""));
    }
    return new RawRecord(number, r.line(), r.values());
  }

  /**
   * {@code values} fitted to {@code width} fields: missing ones NULL, extra ones dropped when they
   * are empty; null when an extra field holds a value (dropping it would lose data).
   */
  public static String[] fit(String[] values, int width) {
    for (int i = width; i < values.length; i++) {
      if (values[i] != null && !values[i].isEmpty()) return null;
    }
    return Arrays.copyOf(values, width);
  }

  private RawRecord fetch() throws IOException {
    try {
      RawRecord r = escaping != null ? escaping.next() : records.hasNext() ? records.next() : null;
      if (r != null) lastLine = r.line();
      return r;
    } catch (OverLimit e) {
      throw overLimit(e.field, e.line);
    } catch (CsvParseException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof OverLimit o) throw overLimit(o.field, o.line);
        if (handler != null && String.valueOf(t.getMessage()).contains("maximum buffer size")) {
          // FastCSV's buffer filled up inside one field
          throw overLimit(handler.fieldsSoFar(), handler.recordLine());
        }
      }
      throw new BadFileException(fileName + ": " + describe(e), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException bad) throw undecodable(bad);
      throw e.getCause();
    } catch (CharacterCodingException e) {
      throw undecodable(e);
    }
  }

  private LimitExceededException overLimit(int field, long line) {
    if (field < 0) {
      return new LimitExceededException(
          fileName,
          "the record starting on line "
              + line
              + " is longer than "
              + Sizes.count(limits.maxRecordChars())
              + " characters (an unclosed quote?)",
          limits.maxRecordChars(),
          ReadLimits.RECORD);
    }
    String column =
        field < names.size()
            ? "column '" + Sizes.shorten(names.get(field), 100) + "'"
            : "field " + (field + 1);
    return new LimitExceededException(
        fileName,
        "the field in line "
            + line
            + ", "
            + column
            + " is longer than "
            + Sizes.count(limits.maxValueChars())
            + " characters",
        limits.maxValueChars(),
        ReadLimits.VALUE);
  }

  private BadFileException undecodable(CharacterCodingException e) {
    return new BadFileException(
        fileName
            + ": the text after line "
            + lastLine
            + " is not valid "
            + charset
            + " (the start of the file was: detection reads a sample). Set source.encoding to the file's encoding,"
            + " e.g. windows-1252",
        e);
  }

  private static String describe(CsvParseException e) {
    String msg = e.getMessage();
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null) msg = msg + ": " + c.getMessage();
    return msg.replace("Exception when reading first record", "cannot read the first record");
  }

  /** Counted by FastCSV's handler as it makes the values; not for a fitted record. */
  @Override
  public long lastValueChars() {
    return handler != null && !fittedLast ? handler.valueChars() : -1;
  }

  @Override
  public String raw(RawRecord record) {
    return CsvLine.join(record.values(), options.delimiter(), options.writeQuote());
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    } else {
      escaping.close();
    }
  }
}
