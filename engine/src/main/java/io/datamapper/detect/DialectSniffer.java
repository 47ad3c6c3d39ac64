package io.datamapper.detect;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.datamapper.DataMapperException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the delimiter, quote and line separator of a CSV sample and splits it into
 * records. The delimiter is the candidate whose parse gives the most records with the same
 * field count (greater than one). Stateless.
 */
final class DialectSniffer {
  /** Tried in this order; the order breaks ties. */
  static final char[] DELIMITERS = {',', ';', '\t', '|'};
  /** Only when no usual delimiter splits the rows, and no value looks like a time. */
  static final char RARE_DELIMITER = ':';
  /** Records parsed per candidate delimiter; consistency shows well before this. */
  static final int SNIFF_RECORDS = 1_000;

  private static final Pattern TIME_LIKE = Pattern.compile("\\d:\\d");

  private DialectSniffer() {}

  /** The chosen dialect, the sampled records (header included) and the evidence. */
  record Result(char delimiter, char quote, String lineSeparator, List<List<String>> records, List<String> evidence) {}

  static Result sniff(String text, boolean truncated, int maxRecords) {
    List<String> evidence = new ArrayList<>();
    char quote = quote(text);
    if (quote != '"') evidence.add("quote character ' (values are wrapped in single quotes)");
    List<Score> scores = new ArrayList<>();
    Score best = null;
    for (char d : DELIMITERS) {
      Score s = score(parse(text, d, quote, SNIFF_RECORDS, truncated), d);
      scores.add(s);
      if (s.better(best)) best = s;
    }
    if (best.consistent() == 0 && !TIME_LIKE.matcher(text).find()) {
      Score s = score(parse(text, RARE_DELIMITER, quote, SNIFF_RECORDS, truncated), RARE_DELIMITER);
      if (s.better(best)) best = s;
    }
    char delimiter;
    if (best.consistent() > 0) {
      delimiter = best.delimiter();
    } else {
      delimiter = singleColumnDelimiter(text, quote, truncated);
      evidence.add("no delimiter found (, ; tab | each give one field per row): read as a single column"
          + (delimiter == ',' ? "" : " with delimiter " + show(delimiter) + ", which never appears"));
    }
    List<List<String>> records = parse(text, delimiter, quote, maxRecords, truncated);
    if (best.consistent() > 0) {
      Score full = score(records, delimiter);
      evidence.add(0, "delimiter " + show(delimiter) + ": " + full.fieldCount() + " fields on "
          + (full.consistent() == records.size() ? "all " + records.size() : full.consistent() + " of " + records.size())
          + " sampled rows");
      for (Score other : scores) {
        if (other.delimiter() != delimiter && other.consistent() == best.consistent()) {
          evidence.add("delimiter " + show(other.delimiter()) + " would also give " + other.fieldCount()
              + " fields on as many rows; chose " + show(delimiter) + " — check the columns");
        }
      }
      if (delimiter == RARE_DELIMITER) evidence.add("':' is an unusual delimiter; none of , ; tab | splits the rows");
    }
    String lineSeparator = lineSeparator(text, quote);
    evidence.add(lineSeparatorEvidence(text, lineSeparator));
    return new Result(delimiter, quote, lineSeparator, records, evidence);
  }

  static List<List<String>> parse(String text, char delimiter, char quote, int maxRecords, boolean truncated) {
    List<List<String>> out = new ArrayList<>();
    boolean reachedEnd = true;
    try (CsvReader<CsvRecord> reader = CsvReader.builder()
        .fieldSeparator(delimiter)
        .quoteCharacter(quote)
        .commentStrategy(CommentStrategy.NONE)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowUnclosedQuote(true)
        .allowExtraCharsAfterClosingQuote(true)
        .ofCsvRecord(text)) {
      for (CsvRecord r : reader) {
        if (out.size() == maxRecords) {
          reachedEnd = false;
          break;
        }
        out.add(r.getFields());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    } catch (RuntimeException e) {
      throw new DataMapperException("the sample cannot be read as CSV with delimiter " + show(delimiter) + ": " + e.getMessage(), e);
    }
    // the sample may end inside the last record; keep it only when it is all there is
    if (truncated && reachedEnd && out.size() > 1) out.remove(out.size() - 1);
    return out;
  }

  /** How many records share the most common field count. */
  record Score(char delimiter, int fieldCount, int consistent) {
    boolean better(Score other) {
      if (other == null) return true;
      if (consistent != other.consistent) return consistent > other.consistent;
      return fieldCount > other.fieldCount;
    }
  }

  static Score score(List<List<String>> records, char delimiter) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (List<String> r : records) counts.merge(r.size(), 1, Integer::sum);
    int mode = 0;
    int modeRows = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() > modeRows || (e.getValue() == modeRows && e.getKey() > mode)) {
        mode = e.getKey();
        modeRows = e.getValue();
      }
    }
    return new Score(delimiter, mode, mode > 1 ? modeRows : 0);
  }

  /** Single column: a delimiter that splits no sampled row, ',' when possible. */
  private static char singleColumnDelimiter(String text, char quote, boolean truncated) {
    for (char d : DELIMITERS) {
      if (parse(text, d, quote, SNIFF_RECORDS, truncated).stream().allMatch(r -> r.size() == 1)) return d;
    }
    return ',';
  }

  /** {@code '} only when it wraps more fields than {@code "} does. */
  static char quote(String text) {
    return boundaryQuotes(text, '\'') > boundaryQuotes(text, '"') ? '\'' : '"';
  }

  private static int boundaryQuotes(String text, char q) {
    int opening = 0;
    int closing = 0;
    for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
      if (i == 0 || isBoundary(text.charAt(i - 1))) opening++;
      if (i == text.length() - 1 || isBoundary(text.charAt(i + 1))) closing++;
    }
    return Math.min(opening, closing);
  }

  private static boolean isBoundary(char c) {
    return c == '\n' || c == '\r' || c == ',' || c == ';' || c == '\t' || c == '|';
  }

  /** The first line break outside quotes; {@code \n} when the sample has none. */
  static String lineSeparator(String text, char quote) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote) {
        quoted = !quoted;
      } else if (!quoted && c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      } else if (!quoted && c == '\n') {
        return "\n";
      }
    }
    return "\n";
  }

  private static String lineSeparatorEvidence(String text, String sep) {
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return "no line break in the sample (one line)";
    return "line separator " + switch (sep) {
      case "\r\n" -> "CRLF (\\r\\n)";
      case "\r" -> "CR (\\r)";
      default -> "LF (\\n)";
    };
  }

  static String show(char delimiter) {
    return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
  }
}
