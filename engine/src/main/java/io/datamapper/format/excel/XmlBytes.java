package io.datamapper.format.excel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A pull tokenizer over the UTF-8 bytes of a large, regular xlsx part (sheet data, shared strings):
 * element starts and ends by local name, a few unprefixed attributes, and the text of an element
 * with entities, character references and CDATA decoded. It is several times faster than StAX on
 * these parts because it makes no String for a name, attribute or text nobody asks for.
 *
 * <p>It checks what a reader of these parts relies on: tags are closed, end tags match their start
 * tags, entities are the five predefined ones or character references, nesting stays within {@code
 * maxDepth}, no tag is longer than {@code maxTag} bytes, and the document ends with its root
 * element. It refuses a DOCTYPE (Excel never writes one, and a DTD is how entity tricks start). Any
 * other encoding reaches it as UTF-8 through {@link XmlEncoding}. Not thread-safe.
 */
final class XmlBytes {
  static final int EOF = -1;
  static final int START = 1;
  static final int END = 2;

  /** A part that is not the XML it claims to be. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** Too deep or too long a tag: {@code depth} tells which. */
  static final class TooLarge extends RuntimeException {
    final boolean depth;
    final long limit;

    TooLarge(boolean depth, long limit) {
      super(
          depth ? "nesting deeper than " + limit : "a tag longer than " + limit + " bytes",
          null,
          false,
          false);
      this.depth = depth;
      this.limit = limit;
    }
  }

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private final int maxDepth;
  private final XmlTag tag;
  private boolean pendingEnd;
  private boolean empty;
  private int depth;
  private int[] names = new int[32]; // hash of each open element's qualified name
  private boolean rootSeen;

  XmlBytes(InputStream in, int maxDepth, int maxTag) {
    this.in = in;
    this.maxDepth = maxDepth;
    this.tag = new XmlTag(maxTag);
  }

  /** Open elements, counting the one just started. */
  int depth() {
    return depth;
  }

  /** Whether the element just started is written empty ({@code <c/>}); its end comes next. */
  boolean empty() {
    return empty;
  }

  /** Whether the local name of the element just started or ended is {@code name}. */
  boolean is(byte[] name) {
    return tag.is(name);
  }

  /** The tag just read: the element's name and attributes. */
  XmlTag tag() {
    return tag;
  }

  /** The next element start or end, skipping text, comments and processing instructions. */
  int next() throws IOException {
    empty = false;
    if (pendingEnd) {
      pendingEnd = false;
      depth--;
      return END;
    }
    while (true) {
      int b;
      // skip character data to the next '<'
      while (true) {
        if (pos == lim && !fill()) {
          if (depth > 0 || !rootSeen) throw new Malformed("unexpected end of the XML");
          return EOF;
        }
        if (buf[pos++] == '<') break;
      }
      b = read();
      if (b == '/') return endTag();
      if (b == '?') {
        skipPast((byte) '?', (byte) '>');
      } else if (b == '!') {
        bang(null);
      } else {
        pos--;
        return startTag();
      }
    }
  }

  /** After {@code <!}: skips a comment or CDATA section (or appends the CDATA to {@code text}). */
  private void bang(ByteText text) throws IOException {
    ensure(7);
    if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
      pos += 2;
      skipPast((byte) '-', (byte) '-');
      if (read() != '>') throw new Malformed("'--' inside a comment");
    } else if (lim - pos >= 7 && startsWith("[CDATA[")) {
      pos += 7;
      cdata(text);
    } else {
      throw new Malformed("a DOCTYPE or other declaration, which an xlsx part never has");
    }
  }

  private boolean startsWith(String s) {
    for (int i = 0; i < s.length(); i++) if (buf[pos + i] != s.charAt(i)) return false;
    return true;
  }

  private void cdata(ByteText text) throws IOException {
    while (true) {
      int b = read();
      if (b < 0) throw new Malformed("unexpected end of the XML in a CDATA section");
      if (b == ']') {
        ensure(2);
        if (lim - pos >= 2 && buf[pos] == ']' && buf[pos + 1] == '>') {
          pos += 2;
          return;
        }
      }
      if (text != null) text.append((byte) b);
    }
  }

  private void skipPast(byte a, byte b) throws IOException {
    int prev = -1;
    while (true) {
      int c = read();
      if (c < 0) throw new Malformed("unexpected end of the XML");
      if (prev == a && c == b) return;
      prev = c;
    }
  }

  private int startTag() throws IOException {
    tag.clear();
    int quote = 0;
    while (true) {
      if (pos == lim && !fill()) throw new Malformed("unexpected end of the XML inside a tag");
      // scan the buffer for the tag's end, then copy the run at once (not byte by byte)
      byte[] b = buf;
      int i = pos;
      int end = lim;
      for (; i < end; i++) {
        byte c = b[i];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '>') {
          break;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '<') {
          throw new Malformed("'<' inside a tag");
        }
      }
      tag.add(b, pos, i - pos);
      if (i < end) {
        pos = i + 1;
        break;
      }
      pos = i;
    }
    empty = tag.endsEmpty();
    tag.name();
    if (depth == 0 && rootSeen) throw new Malformed("a second root element");
    rootSeen = true;
    if (depth >= maxDepth) throw new TooLarge(true, maxDepth);
    if (depth == names.length) names = Arrays.copyOf(names, depth * 2);
    names[depth++] = tag.hash();
    pendingEnd = empty;
    return START;
  }

  private int endTag() throws IOException {
    tag.clear();
    while (true) {
      if (pos == lim && !fill()) throw new Malformed("unexpected end of the XML inside a tag");
      byte[] b = buf;
      int i = pos;
      int end = lim;
      while (i < end && b[i] != '>') i++;
      tag.add(b, pos, i - pos);
      if (i < end) {
        pos = i + 1;
        break;
      }
      pos = i;
    }
    tag.endName();
    if (depth == 0 || names[depth - 1] != tag.hash())
      throw new Malformed("an end tag that does not match its start tag");
    depth--;
    return END;
  }

  /**
   * Appends the character data of the element just started to {@code text}, up to its first child
   * or end tag, stopping early (and returning false) once {@code text} holds more than {@code
   * maxChars} characters.
   */
  boolean text(ByteText text, long maxChars) throws IOException {
    while (true) {
      if (pos == lim && !fill()) throw new Malformed("unexpected end of the XML in a text");
      int start = pos;
      int i = pos;
      int end = lim;
      byte[] b = buf;
      while (i < end && b[i] != '<' && b[i] != '&') i++;
      if (i > start) text.append(b, start, i - start);
      pos = i;
      if (text.chars() > maxChars) return false;
      if (i == end) continue;
      if (b[i] == '&') {
        pos++;
        reference(text);
        continue;
      }
      // '<': a CDATA section or comment is part of the text; anything else ends it
      ensure(2);
      if (lim - pos >= 2 && buf[pos + 1] == '!') {
        pos += 2;
        bang(text);
      } else if (lim - pos >= 2 && buf[pos + 1] == '?') {
        pos += 2;
        skipPast((byte) '?', (byte) '>');
      } else {
        return true;
      }
    }
  }

  /**
   * The common shape of a cell's value, {@code <v>TEXT</v>} right after the start tag, with no
   * reference, CDATA or comment in the text and all of it in the buffer: appends the text to {@code
   * text}, steps past the end tag and returns true, as {@code next()} (start), {@link #text} and
   * {@code next()} (end) would. Anything else returns false and reads nothing.
   */
  boolean simpleValue(ByteText text, int maxChars) {
    byte[] b = buf;
    int i = pos;
    int end = lim;
    if (end - i < 7 || b[i] != '<' || b[i + 1] != 'v' || b[i + 2] != '>') return false;
    int start = i + 3;
    int j = start;
    while (j < end && b[j] != '<' && b[j] != '&') j++;
    if (end - j < 4 || b[j] != '<' || b[j + 1] != '/' || b[j + 2] != 'v' || b[j + 3] != '>') {
      return false;
    }
    if (j - start > maxChars) return false; // the slow path says which limit
    text.append(b, start, j - start);
    pos = j + 4;
    return true;
  }

  private void reference(ByteText text) throws IOException {
    int start = pos;
    StringBuilder name = new StringBuilder(8);
    while (true) {
      int b = read();
      if (b < 0) throw new Malformed("unexpected end of the XML in an entity reference");
      if (b == ';') break;
      if (pos - start > 10 || b == '<' || b == '&') throw new Malformed("a bad entity reference");
      name.append((char) b);
    }
    text.appendCodePoint(XmlTag.entity(name.toString()));
  }

  /** Skips the rest of the element just started, children and all. */
  void skipElement() throws IOException {
    int target = depth - 1;
    while (depth > target) {
      if (next() == EOF) throw new Malformed("unexpected end of the XML");
    }
  }

  private int read() throws IOException {
    if (pos == lim && !fill()) return -1;
    return buf[pos++] & 0xff;
  }

  /** Makes at least {@code n} bytes available unless the input ends first. */
  private void ensure(int n) throws IOException {
    if (lim - pos >= n) return;
    System.arraycopy(buf, pos, buf, 0, lim - pos);
    lim -= pos;
    pos = 0;
    while (lim < n) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) return;
      lim += r;
    }
  }

  private boolean fill() throws IOException {
    int r = in.read(buf, 0, buf.length);
    while (r == 0) r = in.read(buf, 0, buf.length);
    if (r < 0) {
      pos = lim = 0;
      return false;
    }
    pos = 0;
    lim = r;
    return true;
  }
}
