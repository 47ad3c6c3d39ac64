package io.datamapper.format.json;

import io.datamapper.format.BadFileException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.TextInput;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * The tokens of one JSON file: Jackson's streaming parser with the reader's limits, every Jackson
 * error turned into a {@link BadFileException} naming the line and column, and a replay buffer so
 * the shape of the document can be looked at before it is read. Not thread-safe.
 */
final class TokenSource implements Closeable {
  private static final int READ_AHEAD = 1024 * 1024;

  /** A token read ahead while recording: enough to replay it. */
  private record Tok(JsonToken type, String text, int line, int column, long offset) {}

  private JsonParser parser;
  private final Closeable input;
  private final InputStream bytes;

  /**
   * Where the parser's input starts in the file, after {@link #restart}: lines before it, columns
   * before it on its first line, bytes before it.
   */
  private long lineBase;

  private long columnBase;
  private long offsetBase;
  private final String fileName;
  private final ReadLimits limits;
  private final boolean decodedByUs;
  private List<Tok> recorded;
  private ArrayDeque<Tok> replay;

  /** The current token when it came from the replay buffer, else null (the parser's). */
  private Tok replayed;

  private boolean endOfInputIsEnd;

  private TokenSource(
      JsonParser parser,
      Closeable input,
      InputStream bytes,
      String fileName,
      boolean decodedByUs,
      ReadLimits limits) {
    this.bytes = bytes;
    this.limits = limits;
    this.parser = parser;
    this.input = input;
    this.fileName = fileName;
    this.decodedByUs = decodedByUs;
  }

  /**
   * Opens {@code in}: with an encoding, decoded by {@link TextInput}; without one, Jackson detects
   * UTF-8/16/32 from the bytes (a UTF-8 byte-order mark is skipped). Closes {@code in} if opening
   * fails.
   */
  static TokenSource open(InputStream in, String encoding, String fileName) throws IOException {
    return open(in, encoding, fileName, ReadLimits.DEFAULT);
  }

  /** As {@link #open(InputStream, String, String)}, bounded by {@code limits}. */
  static TokenSource open(InputStream in, String encoding, String fileName, ReadLimits limits)
      throws IOException {
    JsonFactory factory = JsonParsers.factory(limits);
    try {
      if (encoding != null && !encoding.isBlank()) {
        TextInput.Opened text = TextInput.open(in, encoding);
        return new TokenSource(
            factory.createParser(ObjectReadContext.empty(), text.reader()),
            text.reader(),
            null,
            fileName,
            true,
            limits);
      }
      BufferedInputStream buffered = new BufferedInputStream(in, READ_AHEAD);
      buffered.mark(3);
      byte[] head = buffered.readNBytes(3);
      boolean bom =
          head.length == 3
              && (head[0] & 0xFF) == 0xEF
              && (head[1] & 0xFF) == 0xBB
              && (head[2] & 0xFF) == 0xBF;
      if (!bom) buffered.reset();
      return new TokenSource(
          factory.createParser(ObjectReadContext.empty(), buffered),
          buffered,
          buffered,
          fileName,
          false,
          limits);
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * At the end of the input inside a value, report the end of input (null) rather than fail: for
   * samples cut short.
   */
  void endOfInputIsEnd() {
    this.endOfInputIsEnd = true;
  }

  /** Starts keeping every token read, for {@link #rewind()}. */
  void record() {
    recorded = new ArrayList<>();
  }

  /** Stops recording; the next tokens read are the recorded ones again, then the file's. */
  void rewind() {
    replay = new ArrayDeque<>(recorded);
    recorded = null;
    replayed = null;
  }

  /** Stops recording and forgets the recorded tokens. */
  void forget() {
    recorded = null;
  }

  /** The next token, or null at the end of the input. */
  JsonToken next() throws IOException {
    if (replay != null) {
      Tok t = replay.pollFirst();
      if (t != null) {
        replayed = t;
        return t.type();
      }
      replay = null;
    }
    replayed = null;
    JsonToken t;
    try {
      t = parser.nextToken();
      if (recorded != null && t != null) recorded.add(snapshot(t));
    } catch (UnexpectedEndOfInputException e) {
      if (endOfInputIsEnd) return null;
      throw translate(e);
    } catch (JacksonException | IllegalStateException e) {
      throw translate(e);
    }
    return t;
  }

  /**
   * Reads the next token and says whether it is the property name {@code expected}: on the parser,
   * the name's bytes are compared as they are, without decoding them or looking them up. When it is
   * not, {@link #current()} tells what was read instead.
   */
  boolean nextName(SerializedString expected) throws IOException {
    if (replay != null || recorded != null || endOfInputIsEnd) {
      return next() == JsonToken.PROPERTY_NAME && expected.getValue().equals(name());
    }
    replayed = null;
    try {
      return parser.nextName(expected);
    } catch (JacksonException | IllegalStateException e) {
      throw translate(e);
    }
  }

  /** The token last read (null at the end of the input). */
  JsonToken current() {
    return replayed != null ? replayed.type() : parser.currentToken();
  }

  private Tok snapshot(JsonToken t) {
    String text =
        switch (t) {
          case PROPERTY_NAME -> parser.currentName();
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
          default -> null;
        };
    TokenStreamLocation at = parser.currentTokenLocation();
    return new Tok(t, text, (int) lineOf(at), (int) columnOf(at), offsetOf(at));
  }

  /** The current property name. */
  String name() throws IOException {
    if (replayed != null) return replayed.text();
    try {
      return parser.currentName();
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** The text of the current string or number: for a number, its literal exactly as written. */
  String text() throws IOException {
    if (replayed != null) return replayed.text();
    try {
      return parser.getString();
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** Skips the value that the current start token opens (nothing for a scalar). */
  void skipChildren() throws IOException {
    if (replayed == null) {
      try {
        parser.skipChildren();
      } catch (JacksonException | IllegalStateException e) {
        throw translate(e);
      }
      return;
    }
    JsonToken t = replayed.type();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) return;
    int depth = 1;
    while (depth > 0) {
      JsonToken n = next();
      if (n == null) return;
      if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) depth++;
      else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) depth--;
    }
  }

  /** 1-based line where the current token starts. */
  long line() {
    return replayed != null ? replayed.line() : lineOf(parser.currentTokenLocation());
  }

  /** 1-based column where the current token starts. */
  long column() {
    return replayed != null ? replayed.column() : columnOf(parser.currentTokenLocation());
  }

  private long lineOf(TokenStreamLocation at) {
    return at.getLineNr() + lineBase;
  }

  private long columnOf(TokenStreamLocation at) {
    return at.getColumnNr() + (at.getLineNr() == 1 ? columnBase : 0);
  }

  /** How far the parser has read: bytes, or characters when the file was decoded by us. */
  long offset() {
    return replayed != null ? replayed.offset() : offsetOf(parser.currentLocation());
  }

  private long offsetOf(TokenStreamLocation at) {
    long bytes = at.getByteOffset();
    return (bytes >= 0 ? bytes : at.getCharOffset()) + offsetBase;
  }

  /** "at line L, column C" of the current token. */
  String position() {
    return "at line " + line() + ", column " + column();
  }

  ReadLimits limits() {
    return limits;
  }

  /** A syntax error at the current token, worded like Jackson's. */
  BadFileException malformed(String what) {
    return new BadFileException(fileName + ": malformed JSON " + position() + ": " + what);
  }

  /** A syntax error at the end of the input. */
  BadFileException malformedAtEnd(String what) {
    TokenStreamLocation at = parser.currentLocation();
    return new BadFileException(
        fileName
            + ": malformed JSON at line "
            + lineOf(at)
            + ", column "
            + Math.max(1, columnOf(at))
            + ": "
            + what);
  }

  private IOException translate(RuntimeException e) throws IOException {
    return JsonErrors.translate(e, fileName, limits, where(e), decodedByUs);
  }

  private String where(RuntimeException e) {
    TokenStreamLocation at = e instanceof JacksonException j ? j.getLocation() : null;
    if (at == null || at == TokenStreamLocation.NA || at.getLineNr() < 0)
      at = parser.currentLocation();
    return "at line " + lineOf(at) + ", column " + columnOf(at);
  }

  /**
   * Stops the parser where it is (after a record's closing brace, nothing replayed or recorded) and
   * hands over the rest of the file's bytes, or returns null when the file is not read from its
   * bytes (decoded by us) or the parser is not free to stop.
   */
  Handover handOver() throws IOException {
    if (bytes == null || replay != null || recorded != null || endOfInputIsEnd) return null;
    try {
      TokenStreamLocation at = parser.currentLocation();
      ByteArrayOutputStream unread = new ByteArrayOutputStream();
      parser.releaseBuffered(unread);
      parser.close();
      byte[] head = unread.toByteArray();
      return new Handover(
          new PrefixedInput(head, 0, head.length, bytes), lineOf(at), columnOf(at), offsetOf(at));
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** The rest of the file from line {@code line}, column {@code column}, byte {@code offset}. */
  record Handover(InputStream rest, long line, long column, long offset) {}

  /**
   * Parses on from {@code rest}, which starts in the file at line {@code line}, column {@code
   * column}, byte {@code offset} (after {@link #handOver()}).
   */
  void restart(InputStream rest, long line, long column, long offset) throws IOException {
    // Jackson guesses the encoding from the first four bytes: spaces make that UTF-8, as the file
    InputStream padded = new PrefixedInput(PAD, 0, PAD.length, rest);
    replayed = null;
    parser = JsonParsers.factory(limits).createParser(ObjectReadContext.empty(), padded);
    lineBase = line - 1;
    columnBase = column - 1 - PAD.length;
    offsetBase = offset - PAD.length;
  }

  private static final byte[] PAD = {' ', ' ', ' ', ' '};

  @Override
  public void close() throws IOException {
    try (input) {
      parser.close();
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getMessage(), e);
    }
  }
}
