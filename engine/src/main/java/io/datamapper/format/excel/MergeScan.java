package io.datamapper.format.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a sheet's merged regions ({@code <mergeCell ref="A1:B2"/>}, after the rows) in its XML
 * without parsing the cells: a cell's text cannot hold a raw {@code <}, so a match is always
 * markup. The loop looks only for the {@code g} of {@code mergeCell}, a letter the numbers and tags
 * of cell data never hold, and checks the rest around it.
 */
final class MergeScan {
  /** Merged regions kept per sheet: only those near the header matter, and each costs heap. */
  static final int MAX_MERGES = 100_000;

  private static final byte[] NAME = "mergeCell".getBytes(StandardCharsets.US_ASCII);
  private static final int G = 3; // index of 'g' in NAME
  private static final int KEEP = 16; // bytes carried over from the previous buffer
  private static final Pattern REF =
      Pattern.compile(
          "\\bref\\s*=\\s*[\"']\\$?([A-Z]{1,3})\\$?(\\d{1,7}):\\$?([A-Z]{1,3})\\$?(\\d{1,7})[\"']");

  private MergeScan() {}

  static List<ExcelBook.Merge> scan(InputStream in) throws IOException {
    List<ExcelBook.Merge> merges = new ArrayList<>();
    byte[] buf = new byte[KEEP + (1 << 16)];
    int start = KEEP; // buf[start - KEEP, start) holds the end of the previous buffer
    StringBuilder tag = null;
    int n;
    while ((n = in.read(buf, KEEP, buf.length - KEEP)) >= 0) {
      int end = KEEP + n;
      // a 'g' among the carried bytes that had too few bytes after it is looked at again
      int i = KEEP - (NAME.length - G);
      if (tag != null) {
        i = collect(buf, KEEP, end, tag, merges);
        if (i < end) tag = null;
      }
      for (; i < end; i++) {
        if (buf[i] != 'g' || !named(buf, i, end)) continue;
        tag = new StringBuilder();
        i = collect(buf, i - G + NAME.length + 1, end, tag, merges);
        if (i < end) tag = null;
      }
      // keep the last bytes so that a name split between two reads is still seen whole
      System.arraycopy(buf, end - KEEP, buf, 0, KEEP);
    }
    return merges;
  }

  /** Whether the 'g' at {@code i} is that of a {@code <mergeCell} or {@code :mergeCell} tag. */
  private static boolean named(byte[] buf, int i, int end) {
    int from = i - G;
    int after = from + NAME.length;
    if (from < 1 || after >= end) return false;
    for (int k = 0; k < NAME.length; k++) if (buf[from + k] != NAME[k]) return false;
    byte before = buf[from - 1];
    byte next = buf[after];
    return (before == '<' || before == ':') && ByteText.space(next);
  }

  /**
   * Appends the tag's bytes from {@code i} to its {@code >} (or {@code end}); at the {@code >} adds
   * the merge. Returns where it stopped: {@code end} when the tag goes on in the next read.
   */
  private static int collect(
      byte[] buf, int i, int end, StringBuilder tag, List<ExcelBook.Merge> merges) {
    for (; i < end; i++) {
      byte b = buf[i];
      if (b == '>' || tag.length() > 512) {
        add(tag, merges);
        return i;
      }
      tag.append((char) (b & 0xff));
    }
    return end;
  }

  private static void add(StringBuilder tag, List<ExcelBook.Merge> merges) {
    if (merges.size() >= MAX_MERGES) return;
    Matcher m = REF.matcher(tag);
    if (!m.find()) return;
    int c1 = XlsxPackage.column(m.group(1));
    int c2 = XlsxPackage.column(m.group(3));
    int r1 = Integer.parseInt(m.group(2));
    int r2 = Integer.parseInt(m.group(4));
    merges.add(
        new ExcelBook.Merge(
            Math.min(r1, r2), Math.max(r1, r2), Math.min(c1, c2), Math.max(c1, c2)));
  }
}
