package io.datamapper.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Backslash escapes ({@code \,} and {@code \"} instead of quoting or doubling the quote), as
 * MySQL's {@code SELECT ... INTO OUTFILE} and many hand-written exporters write them. They
 * are chosen only when they repair records: a line whose field count is off by exactly its
 * escaped delimiters, or that reads as malformed CSV until its escaped quotes are taken as
 * characters. Stateless.
 */
final class Escapes {
  /** Lines looked at; escapes show early when a file uses them. */
  static final int MAX_LINES = 5_000;
  private static final char QUOTE_MARK = '\uE000';
  private static final char DELIMITER_MARK = '\uE001';
  private static final char BACKSLASH_MARK = '\uE002';

  private Escapes() {}

  /** True when backslash escapes repair more sampled lines than they leave broken. */
  static boolean backslash(String text, char delimiter, char quote, int width) {
    if (text.indexOf('\\') < 0 || width < 2) return false;
    String escapedDelimiter = "\\" + delimiter;
    String escapedQuote = "\\" + quote;
    int repaired = 0;
    int unrepaired = 0;
    int lines = 0;
    for (String line : text.split("\r\n|\r|\n", MAX_LINES + 1)) {
      if (++lines > MAX_LINES) break;
      if (!line.contains(escapedDelimiter) && !line.contains(escapedQuote)) continue;
      DialectSniffer.Parsed plain = DialectSniffer.parse(line, delimiter, quote, 1, false);
      DialectSniffer.Parsed escaped = parse(line, delimiter, quote, 1, false);
      boolean plainOk = plain.error() == null && plain.records().size() == 1 && plain.records().get(0).size() == width;
      boolean escapedOk = escaped.error() == null && escaped.records().size() == 1 && escaped.records().get(0).size() == width;
      if (escapedOk && !plainOk) repaired++;
      if (!escapedOk && plainOk) unrepaired++;
    }
    return repaired > 0 && repaired >= unrepaired;
  }

  /** Parses with backslash escapes: {@code \\}, {@code \"} and {@code \,} stand for the character. */
  static DialectSniffer.Parsed parse(String text, char delimiter, char quote, int maxRecords, boolean truncated) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\\' && (next == quote || next == delimiter || next == '\\')) {
        sb.append(next == quote ? QUOTE_MARK : next == delimiter ? DELIMITER_MARK : BACKSLASH_MARK);
        i++;
      } else {
        sb.append(c);
      }
    }
    DialectSniffer.Parsed p = DialectSniffer.parse(sb.toString(), delimiter, quote, maxRecords, truncated);
    List<List<String>> records = new ArrayList<>(p.records().size());
    for (List<String> r : p.records()) {
      List<String> fields = new ArrayList<>(r.size());
      for (String f : r) {
        fields.add(f.indexOf(QUOTE_MARK) < 0 && f.indexOf(DELIMITER_MARK) < 0 && f.indexOf(BACKSLASH_MARK) < 0 ? f
            : f.replace(QUOTE_MARK, quote).replace(DELIMITER_MARK, delimiter).replace(BACKSLASH_MARK, '\\'));
      }
      records.add(fields);
    }
    return new DialectSniffer.Parsed(records, p.error(), p.lines());
  }
}
