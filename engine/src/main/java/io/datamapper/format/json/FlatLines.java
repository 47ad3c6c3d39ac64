package io.datamapper.format.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.io.SerializedString;

/**
 * The fast way through JSON Lines whose records are flat: after the sample, each line holding one
 * object of known keys and scalar values is read here from its bytes, without the token-by-token
 * parser; the values are the same strings the parser gives (strings decoded, numbers as written).
 * At the first line that is anything else (a new key, a nested value, an escape or byte the parser
 * might word differently, a limit, a syntax error) it stops and says where that line starts, so the
 * parser reads on from there and words any error itself. Not thread-safe.
 */
final class FlatLines {
  /** A line longer than this is left to the parser. */
  static final int MAX_LINE = 1 << 20;

  /** Bytes kept ahead in the buffer, so that lines rarely need reading twice. */
  private static final int AHEAD = 1 << 16;

  /** More keys than this at the top level are left to the parser. */
  static final int MAX_KEYS = 256;

  private final InputStream in;
  private final int width;
  private final int maxRecord;
  private final int maxValue;
  private final byte[][] keys;
  private final int[] keyChars;

  /** Per key: the field index it fills, -1 for none (still counted), -2 for a skipped key. */
  private final int[] target;

  /** Per position in the object: the key found there in the last record. */
  private final int[] lastAt = new int[MAX_KEYS];

  private final ValueText text = new ValueText();
  private String[] values;
  private byte[] buf = new byte[1 << 20];
  private int pos;
  private int end;
  private boolean eof;
  private long line;
  private long column;

  /** The file offset of {@code buf[0]}. */
  private long base;

  private FlatLines(
      TokenSource.Handover at, FieldTree tree, int width, int maxRecord, int maxValue) {
    this.in = at.rest();
    this.width = width;
    this.maxRecord = maxRecord;
    this.maxValue = maxValue;
    FieldTree.Node root = tree.root();
    int n = root.children == null ? 0 : root.children.size();
    keys = new byte[n][];
    keyChars = new int[n];
    target = new int[n];
    int i = 0;
    for (String key : root.children.keySet()) {
      FieldTree.Node child = tree.child(root, key);
      keys[i] = new SerializedString(key).asQuotedUTF8();
      keyChars[i] = key.length();
      // a scalar goes where the flattener puts it (a nested value stops this way)
      target[i] = child == null ? -2 : child.index;
      i++;
    }
    Arrays.fill(lastAt, -1);
    this.line = at.line();
    this.column = at.column();
    this.base = at.offset();
  }

  /** A reader of the rest of the file ({@link #suits} said yes). */
  static FlatLines over(
      TokenSource.Handover at, FieldTree tree, int width, int maxRecord, int maxValue) {
    return new FlatLines(at, tree, width, maxRecord, maxValue);
  }

  /** Whether the sampled records' top level is small enough for this way. */
  static boolean suits(FieldTree tree) {
    FieldTree.Node root = tree.root();
    return root.children != null && root.children.size() <= MAX_KEYS;
  }

  /** Where the line that could not be read here starts: the parser reads on from there. */
  record Stop(InputStream rest, long line, long column, long offset) {}

  private Stop stop;

  /** Set when {@link #next} returned null because a line is the parser's. */
  Stop stopped() {
    return stop;
  }

  private long recordLine;

  /** The line number of the record {@link #next} returned last. */
  long recordLine() {
    return recordLine;
  }

  /**
   * The next record's values, or null at the end of the file or at a line this way does not take
   * ({@link #stopped()} tells which).
   */
  String[] next() throws IOException {
    while (true) {
      while (!eof && end - pos < AHEAD) fill();
      int p = skipBlank(pos, end);
      if (p == end) {
        column += end - pos; // blanks at the end of the buffer
        pos = end;
        if (eof) return null;
        continue;
      }
      int brk = lineBreak(p);
      if (brk == -2 && !eof) {
        fill();
        continue;
      }
      if (brk >= 0) {
        advanceLine(brk);
        continue;
      }
      int after = record(p, end);
      if (after >= 0) brk = after == end ? (eof ? end : -2) : lineBreak(after);
      if (after < 0 || brk == -2) {
        // cut short by the buffer? read more and try again, up to the longest line taken
        if (!eof && end - pos < MAX_LINE) {
          fill();
          continue;
        }
        stopHere();
        return null;
      }
      if (brk == -1) { // more on the line after the object: the parser's
        stopHere();
        return null;
      }
      recordLine = line;
      if (brk == end) pos = end;
      else advanceLine(brk);
      return values;
    }
  }

  /**
   * At {@code p}: the index of the line break's last byte ('\n', or a '\r' not followed by one), -1
   * for no line break, -2 when the buffer ends before it is known.
   */
  private int lineBreak(int p) {
    byte b = buf[p];
    if (b == '\n') return p;
    if (b != '\r') return -1;
    if (p + 1 == end) return eof ? p : -2;
    return buf[p + 1] == '\n' ? p + 1 : p;
  }

  /** Moves past the line break ending at {@code nl}. */
  private void advanceLine(int nl) {
    pos = nl + 1;
    line++;
    column = 1;
  }

  private void stopHere() {
    InputStream rest = new PrefixedInput(buf, pos, end, in);
    stop = new Stop(rest, line, column, base + pos);
    pos = end;
  }

  private boolean fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      base += pos;
      end -= pos;
      pos = 0;
    }
    if (end == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\t';
  }

  private int skipBlank(int p, int e) {
    while (p < e && blank(buf[p])) p++;
    return p;
  }

  /**
   * Reads the object at {@code p} into {@link #values} and returns the index after it and the
   * blanks that follow, or -1 when it is not for this way.
   */
  private int record(int p, int e) {
    if (p >= e || buf[p] != '{') return -1;
    String[] values = new String[width];
    this.values = values;
    long chars = 0;
    p = skipBlank(p + 1, e);
    if (p < e && buf[p] == '}') return skipBlank(p + 1, e);
    for (int position = 0; ; position++) {
      if (p >= e || buf[p] != '"' || position >= MAX_KEYS) return -1;
      int k = key(p + 1, e, lastAt[position]);
      if (k < 0) return -1;
      lastAt[position] = k;
      p = skipBlank(p + 2 + keys[k].length, e);
      if (p >= e || buf[p] != ':') return -1;
      p = skipBlank(p + 1, e);
      if (p >= e) return -1;
      int t = target[k];
      chars += keyChars[k];
      String v;
      int after;
      byte b = buf[p];
      if (b == '"') {
        after = text.string(buf, p + 1, e, maxValue);
        if (after < 0) return -1;
        v = text.value();
      } else if (b == 'n' || b == 't' || b == 'f') {
        v = literal(p, e);
        if (v == LITERAL_BAD) return -1;
        after = p + (v == null ? 4 : v.length());
      } else if (b == '-' || (b >= '0' && b <= '9')) {
        after = ValueText.number(buf, p, e);
        if (after < 0) return -1;
        v = new String(buf, p, after - p, StandardCharsets.ISO_8859_1);
      } else {
        return -1; // nested, or not JSON: the parser's
      }
      if (t != -2) {
        if (v != null) chars += v.length();
        if (chars > maxRecord) return -1;
        if (t >= 0) values[t] = v;
      } else if (chars > maxRecord) {
        return -1;
      }
      p = skipBlank(after, e);
      if (p >= e) return -1;
      if (buf[p] == ',') {
        p = skipBlank(p + 1, e);
        continue;
      }
      if (buf[p] != '}') return -1;
      return skipBlank(p + 1, e);
    }
  }

  private static final String LITERAL_BAD = new String("bad");

  private String literal(int p, int e) {
    String word = buf[p] == 'n' ? "null" : buf[p] == 't' ? "true" : "false";
    int n = word.length();
    if (p + n >= e) return LITERAL_BAD;
    for (int i = 1; i < n; i++) if (buf[p + i] != word.charAt(i)) return LITERAL_BAD;
    byte next = buf[p + n];
    if (!(blank(next) || next == ',' || next == '}')) return LITERAL_BAD;
    return buf[p] == 'n' ? null : word;
  }

  /** The key whose quoted bytes start at {@code p} and end at a quote; -1 if none. */
  private int key(int p, int e, int guess) {
    if (guess >= 0 && matches(keys[guess], p, e)) return guess;
    for (int k = 0; k < keys.length; k++) if (k != guess && matches(keys[k], p, e)) return k;
    return -1;
  }

  private boolean matches(byte[] key, int p, int e) {
    int n = key.length;
    if (p + n >= e || buf[p + n] != '"') return false;
    return Arrays.equals(buf, p, p + n, key, 0, n);
  }
}
