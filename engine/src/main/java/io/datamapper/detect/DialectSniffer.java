package io.datamapper.detect;

import io.datamapper.mapping.CsvOptions;
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
  static final char NO_QUOTE = CsvOptions.NO_QUOTE;

  /** Tried in this order; the order breaks ties. */
  static final char[] DELIMITERS = {',', ';', '\t', '|'};

  /** Records parsed per candidate delimiter; consistency shows well before this. */
  static final int SNIFF_RECORDS = 1_000;

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
      List<String> evidence,
      List<String> malformedHeader) {}

  static Result sniff(String sample, boolean truncated, int maxRecords) {
    List<String> evidence = new ArrayList<>();
    Matcher sepLine = SEP_LINE.matcher(sample);
    if (sepLine.lookingAt()) {
      char delimiter = sepLine.group(1).charAt(0);
      String text = sample.substring(sepLine.end());
      char quote = delimiter == '"' ? '\'' : QuoteAndLines.quote(text);
      evidence.add(
          "delimiter "
              + show(delimiter)
              + ": named by the first line '"
              + sepLine.group().strip()
              + "', which is skipped (skipRows 1)");
      String lineSeparator = sepLine.group(2);
      evidence.add(QuoteAndLines.lineSeparatorEvidence(sample, lineSeparator));
      CandidateParse.Parsed parsed =
          CandidateParse.parse(text, delimiter, quote, maxRecords, truncated);
      return new Result(
          delimiter,
          quote,
          quote,
          lineSeparator,
          1,
          parsed.records(),
          parsed.error(),
          evidence,
          null);
    }
    String text = sample;
    char quote = QuoteAndLines.quote(text);
    if (quote != '"') evidence.add("quote character ' (values are wrapped in single quotes)");
    List<Score> scores = new ArrayList<>();
    Map<Character, Double> typed = new HashMap<>();
    Score best = null;
    for (char d : DELIMITERS) {
      List<List<String>> candidate =
          CandidateParse.parse(text, d, quote, SNIFF_RECORDS, truncated).records();
      Score s = score(candidate, d);
      scores.add(s);
      if (s.consistent() > 0)
        typed.put(d, TypeConsistency.patternTimesType(candidate, s.fieldCount()));
      if (best != null && s.consistent() == best.consistent() && s.consistent() > 0) {
        // equally consistent field counts: CleverCSV's pattern x type score (typed cells, words
        // included, rewarding more fields), not the frequency of the character
        double t = typed.get(d);
        double b = typed.get(best.delimiter());
        if (t > b + 1e-9 || (t > b - 1e-9 && s.fieldCount() > best.fieldCount())) best = s;
      } else if (s.better(best)) {
        best = s;
      }
    }
    if (best.consistent() > 0 && text.indexOf(quote) >= 0) {
      Score unquoted = Unquoted.choose(text, quote, best, truncated, evidence);
      if (unquoted != null) {
        quote = NO_QUOTE;
        best = unquoted;
      }
    }

    String rareEvidence = null;
    if (best.consistent() == 0) {
      RareDelimiters.Choice rare = RareDelimiters.choose(text, quote, truncated);
      if (rare != null) {
        best = rare.score();
        rareEvidence = rare.evidence();
      }
    } else if (typed.containsKey(best.delimiter())) {
      RareDelimiters.Choice rare =
          RareDelimiters.challenge(text, quote, truncated, best, typed.get(best.delimiter()));
      if (rare != null) {
        best = rare.score();
        rareEvidence = rare.evidence();
      }
    }
    List<String> malformedHeader = null;
    if (best.consistent() == 0) {
      MalformedHead.Recovery recovery = MalformedHead.recover(text, quote, truncated);
      if (recovery != null) {
        text = recovery.rest();
        best = recovery.score();
        malformedHeader = recovery.names();
        rareEvidence = recovery.evidence();
      }
    }
    char delimiter;
    if (best.consistent() > 0) {
      delimiter = best.delimiter();
    } else {
      delimiter = singleColumnDelimiter(text, quote, truncated);
      evidence.add(
          "no delimiter found (, ; tab | and the rarer space # ~ ^ : give no consistent split):"
              + " read as a single column"
              + (delimiter == ','
                  ? ""
                  : " with delimiter " + show(delimiter) + ", which never appears"));
    }
    CandidateParse.Parsed parsed =
        CandidateParse.parse(text, delimiter, quote, maxRecords, truncated);
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
    if (parsed.records().isEmpty() && parsed.error() != null) {
      // not even the first record reads with this quote: the best guess is the quote as an
      // ordinary character, said in a note, rather than no answer
      evidence.add(
          "no reading with "
              + show(quote)
              + " as the quote accepts the first record ("
              + parsed.error()
              + "): best guess, no quote character (quote: null) — check the values");
      quote = NO_QUOTE;
      escape = NO_QUOTE;
      parsed = CandidateParse.parse(text, delimiter, quote, maxRecords, truncated);
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
      if (rareEvidence != null) evidence.add(rareEvidence);
    }
    String lineSeparator = QuoteAndLines.lineSeparator(text, quote);
    evidence.add(QuoteAndLines.lineSeparatorEvidence(text, lineSeparator));
    int skipRows = 0;
    int preamble =
        best.consistent() > 0 && malformedHeader == null
            ? Preamble.rows(records, score(records, delimiter).fieldCount())
            : 0;
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
        delimiter,
        quote,
        escape,
        lineSeparator,
        skipRows,
        records,
        parsed.error(),
        evidence,
        malformedHeader);
  }

  private static String typedReason(Map<Character, Double> typed, char chosen, char other) {
    Double a = typed.get(chosen);
    Double b = typed.get(other);
    if (a == null || b == null || a <= b) return "";
    return String.format(
        java.util.Locale.ROOT,
        " (its columns hold typed values more consistently; CleverCSV's pattern x type score"
            + " %.0f%% vs %.0f%%)",
        100 * a,
        100 * b);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 39) + "…" : s;
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
      CandidateParse.Parsed p = CandidateParse.parse(text, d, quote, SNIFF_RECORDS, truncated);
      if (p.error() == null && p.records().stream().allMatch(r -> r.size() == 1)) return d;
    }
    return ',';
  }

  static String show(char delimiter) {
    return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
  }
}
