package io.datamapper.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Delimiters tried only when none of {@code , ; tab |} splits the rows: runs of spaces, {@code #},
 * {@code ~}, {@code ^} and {@code :}. Chosen by consistency, as CleverCSV scores dialects: the rows
 * that share the most common field count, weighed by how consistently the columns hold typed values
 * (a split of free text into words is consistent by chance but untyped). A space must also split
 * typed values and either align columns with runs or give three fields or more, so a list of
 * two-word names stays one column; {@code :} is not tried when a value looks like a time.
 * Stateless.
 */
final class RareDelimiters {
  static final char[] CANDIDATES = {' ', '#', '~', '^', ':'};

  /** Share of typed cells a space split needs. */
  static final double SPACE_TYPED = 0.3;

  private static final Pattern TIME_LIKE = Pattern.compile("\\b\\d{1,2}:\\d{2}(:\\d{2})?\\b");

  private RareDelimiters() {}

  /** The winner and why, or null when no rare delimiter splits the rows. */
  record Choice(DialectSniffer.Score score, String evidence) {}

  /**
   * A rare delimiter (not space) that beats a consistent common one: at least as many rows of one
   * field count, more fields, and a pattern x type score as high. {@code 7#Smith, John#3.5} splits
   * on {@code ,} into two fields on every row, on {@code #} into three; null when none beats it.
   */
  static Choice challenge(
      String text, char quote, boolean truncated, DialectSniffer.Score common, double commonScore) {
    boolean times = TIME_LIKE.matcher(text).find();
    Choice best = null;
    for (char d : CANDIDATES) {
      if (d == ' ' || (d == ':' && times) || text.indexOf(d) < 0) continue;
      List<List<String>> records =
          CandidateParse.parse(text, d, quote, DialectSniffer.SNIFF_RECORDS, truncated).records();
      DialectSniffer.Score s = DialectSniffer.score(records, d);
      if (s.consistent() < common.consistent() || s.fieldCount() <= common.fieldCount()) continue;
      double score = TypeConsistency.patternTimesType(records, s.fieldCount());
      if (score < commonScore) continue;
      if (best == null || s.better(best.score())) {
        best =
            new Choice(
                s,
                String.format(
                    Locale.ROOT,
                    "'%c' is an unusual delimiter, chosen over %s: %d fields on %d of %d sampled"
                        + " rows where %s gives %d (CleverCSV's pattern x type score %.0f%% vs"
                        + " %.0f%%)",
                    d,
                    DialectSniffer.show(common.delimiter()),
                    s.fieldCount(),
                    s.consistent(),
                    records.size(),
                    DialectSniffer.show(common.delimiter()),
                    common.fieldCount(),
                    100 * score,
                    100 * commonScore));
      }
    }
    return best;
  }

  static Choice choose(String text, char quote, boolean truncated) {
    boolean times = TIME_LIKE.matcher(text).find();
    Choice best = null;
    double bestWeight = 0;
    for (char d : CANDIDATES) {
      if (d == ':' && times) continue;
      List<List<String>> records =
          CandidateParse.parse(text, d, quote, DialectSniffer.SNIFF_RECORDS, truncated).records();
      DialectSniffer.Score s = DialectSniffer.score(records, d);
      if (s.consistent() == 0) continue;
      double typed = TypeConsistency.of(records, s.fieldCount());
      if (d == ' ' && (typed < SPACE_TYPED || !(SpaceRuns.aligned(text) || s.fieldCount() >= 3)))
        continue;
      double weight = s.consistent() * Math.max(typed, 0.1);
      if (best == null || weight > bestWeight) {
        bestWeight = weight;
        best =
            new Choice(
                s,
                String.format(
                    Locale.ROOT,
                    "%s is an unusual delimiter, tried because none of , ; tab | splits the rows:"
                        + " %d of %d sampled rows have %d fields, %.0f%% of their cells typed",
                    d == ' ' ? "space (runs of spaces)" : "'" + d + "'",
                    s.consistent(),
                    records.size(),
                    s.fieldCount(),
                    100 * typed));
      }
    }
    return best;
  }
}
