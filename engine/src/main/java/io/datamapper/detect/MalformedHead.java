package io.datamapper.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A first line that no quoted reading accepts (a stray quote in the header, as in POLLOCK's {@code
 * row_extra_quote0_col1.csv}: {@code DATE,"TIME,Qty,...,"ProductDescription",...}) stops every
 * candidate at its first record, so no delimiter looks consistent. When the lines below it read as
 * a consistent table, that table is the best guess: the first line is skipped and split at the
 * delimiter with its quotes as ordinary characters to name the columns, which are read by position.
 * Stateless.
 */
final class MalformedHead {
  private MalformedHead() {}

  /** The text below the first line, its best reading, the names and why. */
  record Recovery(String rest, DialectSniffer.Score score, List<String> names, String evidence) {}

  /** Null when the first line is not the trouble or nothing below it reads as a table. */
  static Recovery recover(String text, char quote, boolean truncated) {
    int end = text.indexOf('\n');
    if (end < 0 || quote == DialectSniffer.NO_QUOTE) return null;
    String head = text.substring(0, end).replace("\r", "");
    String rest = text.substring(end + 1);
    DialectSniffer.Score best = null;
    String error = null;
    for (char d : DialectSniffer.DELIMITERS) {
      if (head.indexOf(d) < 0) continue;
      CandidateParse.Parsed whole =
          CandidateParse.parse(text, d, quote, DialectSniffer.SNIFF_RECORDS, truncated);
      if (whole.error() == null || !whole.records().isEmpty()) continue; // the head reads
      List<List<String>> records =
          CandidateParse.parse(rest, d, quote, DialectSniffer.SNIFF_RECORDS, truncated).records();
      DialectSniffer.Score s = DialectSniffer.score(records, d);
      if (s.consistent() >= 2 && s.consistent() * 10 >= records.size() * 9L && s.better(best)) {
        best = s;
        error = whole.error();
      }
    }
    if (best == null) return null;
    List<String> names = new ArrayList<>();
    for (String field :
        head.split(java.util.regex.Pattern.quote(String.valueOf(best.delimiter())), -1)) {
      names.add(field.replace(String.valueOf(quote), "").strip());
    }
    if (names.size() != best.fieldCount()) return null;
    String evidence =
        "the first line is malformed ("
            + error
            + "): no quoted reading accepts it, while the "
            + best.consistent()
            + " rows below it have "
            + best.fieldCount()
            + " fields with delimiter "
            + DialectSniffer.show(best.delimiter())
            + " — best guess: that line is the header, split at "
            + DialectSniffer.show(best.delimiter())
            + " with its quotes dropped, and skipped (header: false, skipRows 1); columns are read by"
            + " position. Check the names";
    return new Recovery(rest, best, names, evidence);
  }
}
