package io.datamapper.detect;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How alike two column names are: equal, equal once normalized (case, accents, spaces, underscores
 * and punctuation ignored: {@code "Unit Price"}, {@code unit_price} and {@code "UNIT-PRICE"} are
 * one name), or similar — the better of edit-distance similarity and shared words (a name whose
 * words all appear in the other counts 0.7), with abbreviations ({@code qty} for {@code quantity})
 * counted as similar. Stateless.
 */
final class ColumnMatcher {
  /** Names at least this similar (0..1) look like a rename. */
  static final double RENAME_THRESHOLD = 0.6;

  private ColumnMatcher() {}

  /** Lower case letters and digits only, accents removed. */
  static String normalize(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** The words of a name: split at non-letters/digits and at lower-to-upper case changes. */
  static List<String> words(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String split = plain.replaceAll("([\\p{Ll}\\p{N}])(\\p{Lu})", "$1 $2").toLowerCase(Locale.ROOT);
    return Arrays.stream(split.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** 0 (nothing alike) to 1 (equal once normalized). */
  static double similarity(String a, String b) {
    String x = normalize(a);
    String y = normalize(b);
    if (x.isEmpty() || y.isEmpty()) return 0;
    if (x.equals(y)) return 1;
    double edit = 1 - (double) levenshtein(x, y) / Math.max(x.length(), y.length());
    return Math.max(edit, Math.max(wordOverlap(words(a), words(b)), abbreviation(x, y)));
  }

  /** Shared words over all words (Jaccard), a word also matching its abbreviation. */
  private static double wordOverlap(List<String> a, List<String> b) {
    Set<String> x = new HashSet<>(a);
    Set<String> y = new HashSet<>(b);
    if (x.isEmpty() || y.isEmpty()) return 0;
    int shared = 0;
    for (String w : x) {
      if (y.stream().anyMatch(v -> v.equals(w) || abbreviation(v, w) > 0)) shared++;
    }
    double jaccard = (double) shared / (x.size() + y.size() - shared);
    // every word of one name in the other (Total / Total Amount) is close to a rename too
    double contained = shared == Math.min(x.size(), y.size()) ? CONTAINED : 0;
    return Math.max(jaccard, contained);
  }

  /** The similarity of a name whose words all appear in the other. */
  static final double CONTAINED = 0.7;

  /**
   * 0.75 when the shorter name abbreviates the longer (same first letter, its letters in order, at
   * least two of them and at most half the longer's length shorter): qty/quantity, amt/amount,
   * desc/description. Else 0.
   */
  static double abbreviation(String a, String b) {
    String s = a.length() <= b.length() ? a : b;
    String l = a.length() <= b.length() ? b : a;
    if (s.length() < 2 || s.length() == l.length() || s.charAt(0) != l.charAt(0)) return 0;
    int j = 0;
    for (int i = 0; i < l.length() && j < s.length(); i++) {
      if (l.charAt(i) == s.charAt(j)) j++;
    }
    return j == s.length() ? 0.75 : 0;
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Candidate pairs (file field index, expected index, score) at or above the threshold, best
   * first.
   */
  static List<double[]> similarPairs(List<String> fields, List<String> expected) {
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      for (int j = 0; j < expected.size(); j++) {
        double s = similarity(fields.get(i), expected.get(j));
        if (s >= RENAME_THRESHOLD) pairs.add(new double[] {i, j, s});
      }
    }
    pairs.sort((p, q) -> Double.compare(q[2], p[2]));
    return pairs;
  }
}
