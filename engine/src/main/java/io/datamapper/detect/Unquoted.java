package io.datamapper.detect;

import java.util.List;

/**
 * No quoting ({@code quote: null}) for a sample whose quote characters are free text ({@code "?"
 * wrote}, {@code 10179, "L.T. Shrew"}): they break the quoted reading — a row is malformed or lines
 * are swallowed into one record. Chosen only then, only when the unquoted reading gives every row
 * one field count (a ragged row alone is no evidence), and only when no field is wrapped in quotes
 * ({@code "ok"}: the quote is in use and a row is broken, which dropping it would not fix).
 * Stateless.
 */
final class Unquoted {
  private Unquoted() {}

  /**
   * The unquoted reading that replaces {@code best}, with its evidence added, or null when the
   * quoted reading stands.
   */
  static DialectSniffer.Score choose(
      String text,
      char quote,
      DialectSniffer.Score best,
      boolean truncated,
      List<String> evidence) {
    CandidateParse.Parsed quoted =
        CandidateParse.parse(
            text, best.delimiter(), quote, DialectSniffer.SNIFF_RECORDS, truncated);
    if (quoted.error() != null || best.consistent() < quoted.records().size()) {
      DialectSniffer.Score unquoted = null;
      List<List<String>> unquotedRecords = List.of();
      for (char d : DialectSniffer.DELIMITERS) {
        List<List<String>> records =
            CandidateParse.parse(
                    text, d, DialectSniffer.NO_QUOTE, DialectSniffer.SNIFF_RECORDS, truncated)
                .records();
        if (text.indexOf('\\') >= 0
            && DialectSniffer.score(records, d).consistent() < records.size()) {
          // MySQL's exports without enclosing quotes escape line breaks instead
          List<List<String>> escaped =
              Escapes.parse(
                      text, d, DialectSniffer.NO_QUOTE, DialectSniffer.SNIFF_RECORDS, truncated)
                  .records();
          if (DialectSniffer.score(escaped, d).consistent() == escaped.size()) records = escaped;
        }
        DialectSniffer.Score s = DialectSniffer.score(records, d);
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
                + DialectSniffer.show(quote)
                + " as the quote, the best reading (delimiter "
                + DialectSniffer.show(best.delimiter())
                + ") gives "
                + best.fieldCount()
                + " fields on "
                + best.consistent()
                + " rows"
                + (quoted.error() == null ? "" : " before a malformed row")
                + ", and with "
                + DialectSniffer.show(unquoted.delimiter())
                + " a row is malformed or swallows lines; with "
                + DialectSniffer.show(quote)
                + " as an ordinary character all "
                + unquoted.consistent()
                + " rows have "
                + unquoted.fieldCount()
                + " fields");
        return unquoted;
      }
    }
    return null;
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
    CandidateParse.Parsed quoted =
        CandidateParse.parse(text, delimiter, quote, DialectSniffer.SNIFF_RECORDS, truncated);
    return quoted.error() != null || quoted.records().size() < unquotedRows;
  }
}
