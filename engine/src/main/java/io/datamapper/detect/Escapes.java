package io.datamapper.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Backslash escapes ({@code \,}, {@code \"} and escaped line breaks instead of quoting or doubling
 * the quote), as MySQL's {@code SELECT ... INTO OUTFILE} and many hand-written exporters write
 * them. They are chosen only when they repair records: a line whose field count is off by exactly
 * its escaped delimiters, that reads as malformed CSV until its escaped quotes are taken as
 * characters, or that is cut short by an escaped line break. Stateless.
 */
final class Escapes {
  /** Lines looked at; escapes show early when a file uses them. */
  static final int MAX_LINES = 5_000;

  private static final char QUOTE_MARK = '\uE000';
  private static final char DELIMITER_MARK = '\uE001';
  private static final char BACKSLASH_MARK = '\uE002';
  private static final char LINE_MARK = '\uE003';

  private Escapes() {}

  /** True when backslash escapes repair more sampled lines than they leave broken. */
  static boolean backslash(String text, char delimiter, char quote, int width) {
    if (text.indexOf('\\') < 0 || width < 2) return false;
    String escapedDelimiter = "\\" + delimiter;
    String escapedQuote = "\\" + quote;
    int repaired = 0;
    int unrepaired = 0;
    int lines = 0;
    String[] all = text.split("\r\n|\r|\n", MAX_LINES + 1);
    for (int i = 0; i < all.length; i++) {
      if (++lines > MAX_LINES) break;
      String line = all[i];
      // MySQL escapes a line break inside a value: the record goes on on the next line
      while (endsWithEscape(line) && i + 1 < all.length) line = line + "\n" + all[++i];
      if (!line.contains(escapedDelimiter)
          && !line.contains(escapedQuote)
          && line.indexOf("\\\n") < 0) continue;
      CandidateParse.Parsed plain = CandidateParse.parse(line, delimiter, quote, 2, false);
      CandidateParse.Parsed escaped = parse(line, delimiter, quote, 2, false);
      boolean plainOk =
          plain.error() == null
              && plain.records().size() == 1
              && plain.records().get(0).size() == width;
      boolean escapedOk =
          escaped.error() == null
              && escaped.records().size() == 1
              && escaped.records().get(0).size() == width;
      if (escapedOk && !plainOk) repaired++;
      if (!escapedOk && plainOk) unrepaired++;
    }
    return repaired > 0 && repaired >= unrepaired;
  }

  /** True when {@code line} ends with an odd number of backslashes: its line break is escaped. */
  private static boolean endsWithEscape(String line) {
    int n = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) n++;
    return n % 2 == 1;
  }

  /**
   * Parses with backslash escapes: {@code \\}, {@code \"}, {@code \,} and a backslash before a line
   * break stand for the character (the import reads {@code \n}, {@code \t} ... too).
   */
  static CandidateParse.Parsed parse(
      String text, char delimiter, char quote, int maxRecords, boolean truncated) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\\' && (next == quote || next == delimiter || next == '\\')) {
        sb.append(next == quote ? QUOTE_MARK : next == delimiter ? DELIMITER_MARK : BACKSLASH_MARK);
        i++;
      } else if (c == '\\' && (next == '\n' || next == '\r')) {
        sb.append(LINE_MARK);
        i++;
        if (next == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
      } else {
        sb.append(c);
      }
    }
    CandidateParse.Parsed p =
        CandidateParse.parse(sb.toString(), delimiter, quote, maxRecords, truncated);
    List<List<String>> records = new ArrayList<>(p.records().size());
    for (List<String> r : p.records()) {
      List<String> fields = new ArrayList<>(r.size());
      for (String f : r) {
        fields.add(
            f.indexOf(QUOTE_MARK) < 0
                    && f.indexOf(DELIMITER_MARK) < 0
                    && f.indexOf(BACKSLASH_MARK) < 0
                    && f.indexOf(LINE_MARK) < 0
                ? f
                : f.replace(QUOTE_MARK, quote)
                    .replace(DELIMITER_MARK, delimiter)
                    .replace(BACKSLASH_MARK, '\\')
                    .replace(LINE_MARK, '\n'));
      }
      records.add(fields);
    }
    return new CandidateParse.Parsed(records, p.error(), p.lines());
  }
}
