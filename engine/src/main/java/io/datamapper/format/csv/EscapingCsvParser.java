package io.datamapper.format.csv;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.mapping.CsvOptions;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV dialects FastCSV does not: backslash escapes ({@code escape: "\\"}, as MySQL's
 * {@code SELECT ... INTO OUTFILE} and PostgreSQL's text format write them) and no quoting at all
 * ({@code quote: null}, a {@code "} is an ordinary character).
 *
 * <p>With backslash escapes, inside and outside quotes: {@code \n}, {@code \r}, {@code \t} and
 * {@code \0} stand for line feed, carriage return, tab and NUL; a backslash before a line break
 * keeps the line break in the value; before any other character (the delimiter, the quote, a
 * backslash) it stands for that character. An unquoted field that is exactly {@code \N} is NULL. A
 * field with an escaped character is never a null token, as a quoted one is not. Inside quotes a
 * doubled quote is a quote too. Records start at line breaks outside quotes and unescaped; empty
 * lines are skipped; line numbers count physical lines (CR, LF or CRLF). A space delimiter means
 * runs of spaces (R's {@code read.table}): spaces at the start and end of a line are ignored and a
 * run of them between fields is one delimiter. Not thread-safe.
 */
final class EscapingCsvParser {
  private static final int EOF = -1;

  private final Reader in;
  private final String fileName;
  private final char delimiter;
  private final char quote;
  private final boolean quoting;
  private final boolean escapes;

  /** A space delimiter: runs of spaces separate fields, spaces around a line are ignored. */
  private final boolean spaceRuns;

  private final Character comment;
  private final List<String> nullTokens;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int len;

  /** 1-based line of the next character. */
  private long line = 1;

  private long recordLine;
  private final StringBuilder field = new StringBuilder();
  private final int maxValue;
  private final int maxRecord;
  private int recordChars;
  private int fieldIndex;

  EscapingCsvParser(Reader in, CsvOptions options, String fileName, ReadLimits limits) {
    this.in = in;
    this.maxValue = limits.maxValueChars();
    this.maxRecord = limits.maxRecordChars();
    this.fileName = fileName;
    this.delimiter = options.delimiter();
    this.quote = options.quote();
    this.quoting = options.quoting();
    this.escapes = options.backslashEscapes();
    this.spaceRuns = delimiter == ' ';
    this.comment = options.commentPrefix();
    this.nullTokens = options.nullTokens();
  }

  /** Skips {@code lines} physical lines (before the header). */
  void skipLines(int lines) throws IOException {
    while (lines > 0) {
      int c = read();
      if (c == EOF) return;
      if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') read();
        line++;
        lines--;
      }
    }
  }

  /** The next record (number 0; the caller numbers them), or null at the end of the input. */
  RawRecord next() throws IOException {
    while (true) {
      int c = peek();
      if (spaceRuns && c == ' ') {
        read(); // spaces before the first field
        continue;
      }
      if (c == EOF) return null;
      if (c == '\n' || c == '\r') { // an empty line
        endOfLine(read());
        continue;
      }
      if (comment != null && c == comment) {
        skipRestOfLine();
        continue;
      }
      return record();
    }
  }

  private RawRecord record() throws IOException {
    recordLine = line;
    recordChars = 0;
    List<String> values = new ArrayList<>();
    while (true) {
      fieldIndex = values.size();
      if (fieldIndex >= CsvRecordReader.MAX_FIELDS) {
        throw new BadFileException(
            fileName
                + ": the record starting on line "
                + recordLine
                + " has more than "
                + CsvRecordReader.MAX_FIELDS
                + " fields (is the delimiter right?)");
      }
      field.setLength(0);
      boolean quoted = false;
      boolean escaped = false;
      boolean nullMarker = false;
      int c = read();
      if (quoting && c == quote) {
        quoted = true;
        c = quotedPart();
      }
      while (c != EOF && c != delimiter && c != '\n' && c != '\r') {
        if (quoted) {
          throw new BadFileException(
              fileName
                  + ": line "
                  + line
                  + ": text after the closing quote of a field"
                  + " (is the quote character right? set source.csv.quote to null if quotes are ordinary characters)");
        }
        if (escapes && c == '\\') {
          int e = read();
          nullMarker = e == 'N' && field.isEmpty() && !escaped;
          escaped = true;
          if (e == EOF) {
            append('\\');
          } else {
            unescape(e);
          }
        } else {
          nullMarker = false;
          append((char) c);
        }
        c = read();
      }
      values.add(value(quoted, escaped, nullMarker));
      if (c == delimiter && spaceRuns) {
        while (peek() == ' ') read();
        int after = peek();
        if (after == '\n' || after == '\r' || after == EOF) c = after == EOF ? EOF : read();
        else continue;
      } else if (c == delimiter) {
        continue;
      }
      if (c != EOF) endOfLine(c);
      return new RawRecord(0, recordLine, values.toArray(String[]::new));
    }
  }

  /**
   * Reads a quoted field's content after its opening quote; returns the character after the closing
   * quote.
   */
  private int quotedPart() throws IOException {
    long opened = line;
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new BadFileException(
            fileName
                + ": line "
                + opened
                + ": a quoted field is not closed by the end of the file");
      }
      if (c == quote) {
        if (peek() != quote) return read();
        read();
        append(quote);
      } else if (escapes && c == '\\') {
        int e = read();
        if (e == EOF)
          throw new BadFileException(
              fileName
                  + ": line "
                  + opened
                  + ": a quoted field is not closed by the end of the file");
        unescape(e);
      } else {
        if (c == '\n' || (c == '\r' && peek() != '\n')) line++;
        append((char) c);
      }
    }
  }

  private void unescape(int e) throws IOException {
    switch (e) {
      case 'n' -> append('\n');
      case 'r' -> append('\r');
      case 't' -> append('\t');
      case '0' -> append('\0');
      case '\n' -> {
        line++;
        append('\n');
      }
      case '\r' -> {
        append('\r');
        if (peek() == '\n') append((char) read());
        line++;
      }
      default -> append((char) e);
    }
  }

  private String value(boolean quoted, boolean escaped, boolean nullMarker) {
    String v = field.toString();
    if (quoted || (escaped && !nullMarker)) return v;
    if (nullMarker) return null;
    return nullTokens.contains(v) ? null : v;
  }

  private void append(char c) {
    if (field.length() >= maxValue) throw new OverLimit(fieldIndex, recordLine);
    if (++recordChars > maxRecord) throw new OverLimit(-1, recordLine);
    field.append(c);
  }

  private void endOfLine(int c) throws IOException {
    if (c == '\r' && peek() == '\n') read();
    line++;
  }

  private void skipRestOfLine() throws IOException {
    int c;
    do {
      c = read();
    } while (c != EOF && c != '\n' && c != '\r');
    if (c != EOF) endOfLine(c);
  }

  private int read() throws IOException {
    if (pos == len && !fill()) return EOF;
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == len && !fill()) return EOF;
    return buf[pos];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) return false;
    pos = 0;
    len = n;
    return true;
  }

  void close() throws IOException {
    in.close();
  }
}
