package io.datamapper.mapping;

import java.util.List;
import java.util.Locale;

/**
 * CSV dialect. {@code escape} equal to {@code quote} means RFC 4180 doubling ({@code ""}), {@code
 * '\\'} means backslash escapes; {@code quote} {@link #NO_QUOTE} means no quoting (a {@code "} is
 * an ordinary character; {@code null} in mappings). {@code lineSeparator} is informational (CR, LF
 * and CRLF are all read). {@code skipRows} lines are skipped before the header. Null tokens are
 * compared after no transformation: a field equal to one of them is SQL NULL. {@code raggedRows}
 * says what a record with another field count than the header becomes (null: {@link
 * RaggedRows#REJECT}). Immutable.
 */
public record CsvOptions(
    char delimiter,
    char quote,
    char escape,
    String lineSeparator,
    boolean header,
    List<String> nullTokens,
    int skipRows,
    Character commentPrefix,
    RaggedRows raggedRows,
    ExtraFields extraFields) {

  /** What a record whose field count differs from the header's becomes. */
  public enum RaggedRows {
    /**
     * The record is rejected as {@code malformed-record} (or stops the import, with {@code badRows:
     * abort}).
     */
    REJECT,
    /**
     * Missing fields at the end are NULL, extra fields at the end are dropped when they are empty;
     * a record with extra values is still rejected: nothing is dropped silently.
     */
    PAD,
    /** The first such record stops the import, whatever {@code badRows} says. */
    ABORT;

    /** The spelling in mappings. */
    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A record with more fields than the header (after {@code raggedRows: pad} dropped empty ones):
   * rejected as {@code malformed-record} (null, the default), or loaded without the extra fields,
   * counted in a note of the import summary.
   */
  public enum ExtraFields {
    REJECT,
    IGNORE;

    /** The spelling in mappings. */
    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CsvOptions(
      char delimiter,
      char quote,
      char escape,
      String lineSeparator,
      boolean header,
      List<String> nullTokens,
      int skipRows,
      Character commentPrefix,
      RaggedRows raggedRows) {
    this(
        delimiter,
        quote,
        escape,
        lineSeparator,
        header,
        nullTokens,
        skipRows,
        commentPrefix,
        raggedRows,
        null);
  }

  /** True when extra fields are dropped ({@code extraFields: ignore}). */
  public boolean ignoresExtraFields() {
    return extraFields == ExtraFields.IGNORE;
  }

  public CsvOptions withExtraFields(ExtraFields e) {
    return new CsvOptions(
        delimiter,
        quote,
        escape,
        lineSeparator,
        header,
        nullTokens,
        skipRows,
        commentPrefix,
        raggedRows,
        e);
  }

  public CsvOptions(
      char delimiter,
      char quote,
      char escape,
      String lineSeparator,
      boolean header,
      List<String> nullTokens,
      int skipRows,
      Character commentPrefix) {
    this(
        delimiter, quote, escape, lineSeparator, header, nullTokens, skipRows, commentPrefix, null);
  }

  /** True when ragged records are padded ({@code raggedRows: pad}). */
  public boolean padsRaggedRows() {
    return raggedRows == RaggedRows.PAD;
  }

  public CsvOptions withRaggedRows(RaggedRows r) {
    return new CsvOptions(
        delimiter,
        quote,
        escape,
        lineSeparator,
        header,
        nullTokens,
        skipRows,
        commentPrefix,
        r,
        extraFields);
  }

  public static final List<String> DEFAULT_NULL_TOKENS = List.of("");

  /** The quote (and escape) of a dialect without quoting. */
  public static final char NO_QUOTE = '\0';

  /** The escape character of backslash escapes. */
  public static final char BACKSLASH = '\\';

  public CsvOptions {
    nullTokens = nullTokens == null ? DEFAULT_NULL_TOKENS : List.copyOf(nullTokens);
    lineSeparator = lineSeparator == null ? "\n" : lineSeparator;
  }

  /** False when fields are never quoted ({@code quote: null}). */
  public boolean quoting() {
    return quote != NO_QUOTE;
  }

  /** True for backslash escapes ({@code escape: "\\"}). */
  public boolean backslashEscapes() {
    return escape == BACKSLASH;
  }

  /** The quote to write records with: the dialect's, or {@code "} when it has none. */
  public char writeQuote() {
    return quoting() ? quote : '"';
  }

  /**
   * {@code LF}, {@code CRLF} or {@code CR} for a separator (as written in mappings), else the
   * separator itself.
   */
  public static String lineSeparatorName(String separator) {
    return switch (separator) {
      case "\n" -> "LF";
      case "\r\n" -> "CRLF";
      case "\r" -> "CR";
      default -> separator;
    };
  }

  /**
   * Reads {@code LF}/{@code CRLF}/{@code CR} (any case) or the characters themselves; null if
   * neither.
   */
  public static String lineSeparatorOf(String spelling) {
    if (spelling == null) return null;
    if (spelling.equals("\n") || spelling.equals("\r\n") || spelling.equals("\r")) return spelling;
    return switch (spelling.strip().toUpperCase(Locale.ROOT)) {
      case "LF", "\\N" -> "\n";
      case "CRLF", "\\R\\N" -> "\r\n";
      case "CR", "\\R" -> "\r";
      default -> null;
    };
  }

  public static CsvOptions defaults() {
    return new CsvOptions(',', '"', '"', "\n", true, DEFAULT_NULL_TOKENS, 0, null, null);
  }

  public CsvOptions withDelimiter(char d) {
    return new CsvOptions(
        d,
        quote,
        escape,
        lineSeparator,
        header,
        nullTokens,
        skipRows,
        commentPrefix,
        raggedRows,
        extraFields);
  }

  public CsvOptions withNullTokens(List<String> tokens) {
    return new CsvOptions(
        delimiter,
        quote,
        escape,
        lineSeparator,
        header,
        tokens,
        skipRows,
        commentPrefix,
        raggedRows,
        extraFields);
  }

  public CsvOptions withQuote(char q, char e) {
    return new CsvOptions(
        delimiter,
        q,
        e,
        lineSeparator,
        header,
        nullTokens,
        skipRows,
        commentPrefix,
        raggedRows,
        extraFields);
  }
}
