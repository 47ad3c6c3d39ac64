package io.datamapper.detect;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the delimiter, quote (or none: {@link #NO_QUOTE}), escape and line separator of a CSV
 * sample and splits it into records. The delimiter is the candidate whose parse gives the most
 * records with the same field count (greater than one). Stateless.
 */
final class DialectSniffer {
  /** The quote of a dialect without quoting. */
  static final char NO_QUOTE = io.datamapper.mapping.CsvOptions.NO_QUOTE;

  /** Tried in this order; the order breaks ties. */
  static final char[] DELIMITERS = {',', ';', '\t', '|'};

  /** Only when no usual delimiter splits the rows, and no value looks like a time. */
  static final char RARE_DELIMITER = ':';

  /** Records parsed per candidate delimiter; consistency shows well before this. */
  static final int SNIFF_RECORDS = 1_000;

  private static final Pattern TIME_LIKE = Pattern.compile("\\b\\d{1,2}:\\d{2}(:\\d{2})?\\b");

  /** Excel's hint line naming the delimiter, e.g. {@code sep=;}. */
  private static final Pattern SEP_LINE = Pattern.compile("sep=(.)(\r\n|\r|\n)");

  private DialectSniffer() {}

  /**
   * The chosen dialect, the sampled records (header included) and the evidence; {@code error} says
   * why reading stopped before the end of the sample, or is {@code null}.
   */
  record Result(
      char delimiter,
      char quote,
      char escape,
      String lineSeparator,
      int skipRows,
      List<List<String>> records,
      String error,
      List<String> evidence) {}

  static Result sniff(String sample, boolean truncated, int maxRecords) {
    List<String> evidence = new ArrayList<>();
    Matcher sepLine = SEP_LINE.matcher(sample);
    if (sepLine.lookingAt()) {
      char delimiter = sepLine.group(1).charAt(0);
      String text = sample.substring(sepLine.end());
      char quote = delimiter == '"' ? '\'' : quote(text);
      evidence.add(
          "delimiter "
              + show(delimiter)
              + ": named by the first line '"
              + sepLine.group().strip()
              + "', which is skipped (skipRows 1)");
      String lineSeparator = sepLine.group(2);
      evidence.add(lineSeparatorEvidence(sample, lineSeparator));
      Parsed parsed = parse(text, delimiter, quote, maxRecords, truncated);
      return new Result(
          delimiter, quote, quote, lineSeparator, 1, parsed.records(), parsed.error(), evidence);
    }
    String text = sample;
    char quote = quote(text);
    if (quote != '"') evidence.add("quote character ' (values are wrapped in single quotes)");
    List<Score> scores = new ArrayList<>();
    Map<Character, Double> typed = new HashMap<>();
    Score best = null;
    for (char d : DELIMITERS) {
      List<List<String>> candidate = parse(text, d, quote, SNIFF_RECORDS, truncated).records();
      Score s = score(candidate, d);
      scores.add(s);
      if (s.consistent() > 0) typed.put(d, TypeConsistency.of(candidate, s.fieldCount()));
      if (best != null && s.consistent() == best.consistent() && s.consistent() > 0) {
        // equally consistent field counts: the split whose columns hold typed values more
        // consistently
        double t = typed.get(d);
        double b = typed.get(best.delimiter());
        if (t > b + 1e-9 || (t > b - 1e-9 && s.fieldCount() > best.fieldCount())) best = s;
      } else if (s.better(best)) {
        best = s;
      }
    }
    if (best.consistent() > 0 && text.indexOf(quote) >= 0) {
      // quotes in free text ("?" wrote, 10179, "L.T. Shrew") break a quoted reading: a row is
      // malformed or lines are swallowed into one record. No quoting is chosen only then, only
      // when it reads every row with one field count (a ragged row alone is no evidence), and
      // only when no field is wrapped in quotes ("ok": the quote is in use, a row is broken).
      Parsed quoted = parse(text, best.delimiter(), quote, SNIFF_RECORDS, truncated);
      if (quoted.error() != null || best.consistent() < quoted.records().size()) {
        Score unquoted = null;
        List<List<String>> unquotedRecords = List.of();
        for (char d : DELIMITERS) {
          List<List<String>> records = parse(text, d, NO_QUOTE, SNIFF_RECORDS, truncated).records();
          if (text.indexOf('\\') >= 0 && score(records, d).consistent() < records.size()) {
            // MySQL's exports without enclosing quotes escape line breaks instead
            List<List<String>> escaped =
                Escapes.parse(text, d, NO_QUOTE, SNIFF_RECORDS, truncated).records();
            if (score(escaped, d).consistent() == escaped.size()) records = escaped;
          }
          Score s = score(records, d);
          if (s.better(unquoted)) {
            unquoted = s;
            unquotedRecords = records;
          }
        }
        int unquotedRows = unquotedRecords.size();
        if (unquoted.consistent() > best.consistent()
            && unquoted.consistent() == unquotedRows
            && !anyWrapped(unquotedRecords, quote)
            && quotesBreakRows(text, unquoted.delimiter(), quote, truncated, unquotedRows)) {
          evidence.add(
              "no quote character: with "
                  + show(quote)
                  + " as the quote, the best reading (delimiter "
                  + show(best.delimiter())
                  + ") gives "
                  + best.fieldCount()
                  + " fields on "
                  + best.consistent()
                  + " rows"
                  + (quoted.error() == null ? "" : " before a malformed row")
                  + ", and with "
                  + show(unquoted.delimiter())
                  + " a row is malformed or swallows lines; with "
                  + show(quote)
                  + " as an ordinary character all "
                  + unquoted.consistent()
                  + " rows have "
                  + unquoted.fieldCount()
                  + " fields");
          quote = NO_QUOTE;
          best = unquoted;
        }
      }
    }
    if (best.consistent() == 0 && !TIME_LIKE.matcher(text).find()) {
      Score s =
          score(
              parse(text, RARE_DELIMITER, quote, SNIFF_RECORDS, truncated).records(),
              RARE_DELIMITER);
      if (s.better(best)) best = s;
    }
    char delimiter;
    if (best.consistent() > 0) {
      delimiter = best.delimiter();
    } else {
      delimiter = singleColumnDelimiter(text, quote, truncated);
      evidence.add(
          "no delimiter found (, ; tab | each give one field per row): read as a single column"
              + (delimiter == ','
                  ? ""
                  : " with delimiter " + show(delimiter) + ", which never appears"));
    }
    Parsed parsed = parse(text, delimiter, quote, maxRecords, truncated);
    char escape = quote;
    if (best.consistent() > 0
        && Escapes.backslash(
            text, delimiter, quote, score(parsed.records(), delimiter).fieldCount())) {
      escape = '\\';
      parsed = Escapes.parse(text, delimiter, quote, maxRecords, truncated);
      evidence.add(
          "escape '\\': backslashes before "
              + show(delimiter)
              + (quote == NO_QUOTE ? "" : ", " + show(quote))
              + " or a line break repair the field count"
              + " of the rows that have them; the import reads \\\\ \\n \\t and \\N too");
    }
    List<List<String>> records = parsed.records();
    if (best.consistent() > 0) {
      Score full = score(records, delimiter);
      evidence.add(
          0,
          "delimiter "
              + show(delimiter)
              + ": "
              + full.fieldCount()
              + " fields on "
              + (full.consistent() == records.size()
                  ? "all " + records.size()
                  : full.consistent() + " of " + records.size())
              + " sampled rows");
      for (Score other : scores) {
        if (other.delimiter() != delimiter && other.consistent() == best.consistent()) {
          evidence.add(
              "delimiter "
                  + show(other.delimiter())
                  + " would also give "
                  + other.fieldCount()
                  + " fields on as many rows; chose "
                  + show(delimiter)
                  + typedReason(typed, delimiter, other.delimiter())
                  + " — check the columns");
        }
      }
      if (delimiter == RARE_DELIMITER)
        evidence.add("':' is an unusual delimiter; none of , ; tab | splits the rows");
    }
    String lineSeparator = lineSeparator(text, quote);
    evidence.add(lineSeparatorEvidence(text, lineSeparator));
    int skipRows = 0;
    int preamble =
        best.consistent() > 0 ? Preamble.rows(records, score(records, delimiter).fieldCount()) : 0;
    if (preamble > 0) {
      skipRows = (int) (parsed.lines().get(preamble) - 1);
      evidence.add(
          "the first "
              + (skipRows == 1 ? "line" : skipRows + " lines")
              + " ('"
              + shorten(String.join(" ", records.get(0)))
              + "') stand above the table: skipped (skipRows "
              + skipRows
              + ")");
      records = records.subList(preamble, records.size());
    }
    return new Result(
        delimiter, quote, escape, lineSeparator, skipRows, records, parsed.error(), evidence);
  }

  private static boolean anyWrapped(List<List<String>> records, char quote) {
    for (List<String> r : records) {
      for (String f : r) {
        if (f.length() >= 2 && f.charAt(0) == quote && f.charAt(f.length() - 1) == quote)
          return true;
      }
    }
    return false;
  }

  /**
   * True when reading {@code quote} as a quote makes a row malformed or joins lines into one
   * record.
   */
  private static boolean quotesBreakRows(
      String text, char delimiter, char quote, boolean truncated, int unquotedRows) {
    Parsed quoted = parse(text, delimiter, quote, SNIFF_RECORDS, truncated);
    return quoted.error() != null || quoted.records().size() < unquotedRows;
  }

  private static String typedReason(Map<Character, Double> typed, char chosen, char other) {
    Double a = typed.get(chosen);
    Double b = typed.get(other);
    if (a == null || b == null || a <= b) return "";
    return String.format(
        java.util.Locale.ROOT,
        " (its columns hold typed values more consistently: %.0f%% vs %.0f%% of cells)",
        100 * a,
        100 * b);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 39) + "…" : s;
  }

  /** Records read, and why reading stopped early ({@code null} when it did not). */
  record Parsed(List<List<String>> records, String error, List<Long> lines) {}

  /**
   * Reads up to {@code maxRecords} records, tolerating ragged rows and a quote left open by the end
   * of the sample. Malformed CSV (text after a closing quote) stops the reading: for a wrong
   * candidate delimiter that is evidence against it.
   */
  static Parsed parse(String text, char delimiter, char quote, int maxRecords, boolean truncated) {
    if (quote == NO_QUOTE) quote = unused(text);
    List<List<String>> out = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    boolean reachedEnd = true;
    String error = null;
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .quoteCharacter(quote)
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .allowUnclosedQuote(true)
            .ofCsvRecord(text)) {
      for (CsvRecord r : reader) {
        if (out.size() == maxRecords) {
          reachedEnd = false;
          break;
        }
        out.add(r.getFields());
        lines.add(r.getStartingLineNumber());
      }
    } catch (CsvParseException e) {
      reachedEnd = false;
      error = e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    // the sample may end inside the last record; keep it only when it is all there is
    if (truncated && reachedEnd && out.size() > 1) {
      out.remove(out.size() - 1);
      lines.remove(lines.size() - 1);
    }
    return new Parsed(out, error, lines);
  }

  /**
   * A character absent from {@code text}, to stand for the quote when there is none (FastCSV always
   * has one).
   */
  private static char unused(String text) {
    for (char c = '\uF8FF'; ; c--) {
      if (text.indexOf(c) < 0) return c;
    }
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
      Parsed p = parse(text, d, quote, SNIFF_RECORDS, truncated);
      if (p.error() == null && p.records().stream().allMatch(r -> r.size() == 1)) return d;
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
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
      return "no line break in the sample (one line)";
    return "line separator "
        + switch (sep) {
          case "\r\n" -> "CRLF (\\r\\n)";
          case "\r" -> "CR (\\r)";
          default -> "LF (\\n)";
        };
  }

  static String show(char delimiter) {
    return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
  }
}
