package io.datamapper.format.excel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of the tag {@link XmlBytes} read last, between {@code <} and {@code >}: its qualified
 * and local name, and its unprefixed attributes found on demand. Reused; not thread-safe.
 */
final class XmlTag {
  private final int maxTag;
  private byte[] tag = new byte[128];
  private int length;
  private int nameEnd; // the qualified name is tag[0, nameEnd)
  private int localStart;
  private int nameHash;
  private int valueStart;
  private int valueEnd;
  // per attribute of the tag: name start, name end, value start, value end
  private int[] spans = new int[32];
  private int attributeCount = -1; // -1: not split yet

  XmlTag(int maxTag) {
    this.maxTag = maxTag;
  }

  void clear() {
    length = 0;
    attributeCount = -1;
  }

  /** Appends {@code n} bytes of {@code src} from {@code from}. */
  void add(byte[] src, int from, int n) {
    if (length + n > tag.length) {
      if (length + n > maxTag) throw new XmlBytes.TooLarge(false, maxTag);
      tag = Arrays.copyOf(tag, (int) Math.min(maxTag, Math.max(length * 2L, length + n)));
    }
    System.arraycopy(src, from, tag, length, n);
    length += n;
  }

  /** For a start tag: drops a closing {@code /} and tells whether there was one. */
  boolean endsEmpty() {
    if (length > 0 && tag[length - 1] == '/') {
      length--;
      return true;
    }
    return false;
  }

  /** Finds the name of a start tag. */
  void name() throws XmlBytes.Malformed {
    int i = 0;
    int h = 0;
    int local = 0;
    byte[] t = tag;
    int n = length;
    // one pass: the end of the name, its local part and its hash (names are short, ASCII mostly)
    for (; i < n; i++) {
      byte c = t[i];
      if (c <= ' ' && ByteText.space(c)) break;
      if (c == ':') local = i + 1;
      h = 31 * h + c;
    }
    if (i == 0) throw new XmlBytes.Malformed("a tag without a name");
    localStart = local;
    nameEnd = i;
    nameHash = 31 * h + i;
    attributeCount = -1;
  }

  /** Finds the name of an end tag, which holds nothing else. */
  void endName() throws XmlBytes.Malformed {
    while (length > 0 && ByteText.space(tag[length - 1])) length--;
    name();
    if (nameEnd != length) throw new XmlBytes.Malformed("an end tag with more than a name");
  }

  /** A hash of the qualified name, to match an end tag with its start tag. */
  int hash() {
    return nameHash;
  }

  boolean is(byte[] name) {
    return nameEnd - localStart == name.length
        && Arrays.equals(tag, localStart, nameEnd, name, 0, name.length);
  }

  /**
   * Finds the unprefixed attribute {@code name}; its value is then {@link #value()} (or read by
   * {@link #valueInt}, {@link #valueColumn}, {@link #valueIs}).
   */
  boolean attribute(byte[] name) throws XmlBytes.Malformed {
    if (attributeCount < 0) attributes();
    for (int k = 0, at = 0; k < attributeCount; k++, at += 4) {
      int ns = spans[at];
      int ne = spans[at + 1];
      if (ne - ns == name.length && Arrays.equals(tag, ns, ne, name, 0, name.length)) {
        valueStart = spans[at + 2];
        valueEnd = spans[at + 3];
        return true;
      }
    }
    return false;
  }

  /** Splits the attributes once per tag: a cell asks for three of them. */
  private void attributes() throws XmlBytes.Malformed {
    int count = 0;
    int i = nameEnd;
    while (true) {
      while (i < length && ByteText.space(tag[i])) i++;
      if (i >= length) break;
      int ns = i;
      while (i < length && tag[i] != '=' && !ByteText.space(tag[i])) i++;
      int ne = i;
      while (i < length && ByteText.space(tag[i])) i++;
      if (i >= length || tag[i] != '=')
        throw new XmlBytes.Malformed("an attribute without a value");
      i++;
      while (i < length && ByteText.space(tag[i])) i++;
      if (i >= length || (tag[i] != '"' && tag[i] != '\''))
        throw new XmlBytes.Malformed("an attribute value without quotes");
      byte q = tag[i++];
      int vs = i;
      while (i < length && tag[i] != q) i++;
      if (i >= length) throw new XmlBytes.Malformed("an attribute value without its closing quote");
      if (count * 4 == spans.length) spans = Arrays.copyOf(spans, spans.length * 2);
      spans[count * 4] = ns;
      spans[count * 4 + 1] = ne;
      spans[count * 4 + 2] = vs;
      spans[count * 4 + 3] = i;
      count++;
      i++;
    }
    attributeCount = count;
  }

  /** Whether the attribute value found last is exactly {@code bytes}. */
  boolean valueIs(byte[] bytes) {
    return valueEnd - valueStart == bytes.length
        && Arrays.equals(tag, valueStart, valueEnd, bytes, 0, bytes.length);
  }

  /** The attribute value found last, entities decoded. */
  String value() throws XmlBytes.Malformed {
    ByteText t = new ByteText();
    for (int i = valueStart; i < valueEnd; i++) {
      if (tag[i] == '&') {
        int semi = i + 1;
        while (semi < valueEnd && semi - i <= 10 && tag[semi] != ';') semi++;
        if (semi >= valueEnd || tag[semi] != ';')
          throw new XmlBytes.Malformed("a bad entity reference");
        t.appendCodePoint(
            entity(new String(tag, i + 1, semi - i - 1, StandardCharsets.ISO_8859_1)));
        i = semi;
      } else {
        t.append(tag[i]);
      }
    }
    return t.toString();
  }

  /**
   * The attribute value as a non-negative int (white space around allowed), else {@code otherwise}.
   */
  int valueInt(int otherwise) {
    int s = valueStart;
    int e = valueEnd;
    while (s < e && ByteText.space(tag[s])) s++;
    while (e > s && ByteText.space(tag[e - 1])) e--;
    if (s == e || e - s > 9) return otherwise;
    int v = 0;
    for (int i = s; i < e; i++) {
      int d = tag[i] - '0';
      if (d < 0 || d > 9) return otherwise;
      v = v * 10 + d;
    }
    return v;
  }

  /** The 0-based column of a cell reference value such as {@code AB12} (its first 4 letters). */
  int valueColumn() {
    int c = 0;
    for (int i = valueStart; i < valueEnd && i < valueStart + 4; i++) {
      int b = tag[i] | 0x20; // lower case
      if (b < 'a' || b > 'z') break;
      c = c * 26 + (b - 'a' + 1);
    }
    return c - 1;
  }

  /**
   * The character an entity or character reference (without {@code &} and {@code ;}) stands for.
   */
  static int entity(String name) throws XmlBytes.Malformed {
    switch (name) {
      case "lt":
        return '<';
      case "gt":
        return '>';
      case "amp":
        return '&';
      case "quot":
        return '"';
      case "apos":
        return '\'';
      default:
        break;
    }
    try {
      int cp = -1;
      if (name.startsWith("#x")) cp = Integer.parseInt(name.substring(2), 16);
      else if (name.startsWith("#")) cp = Integer.parseInt(name.substring(1));
      if (Character.isValidCodePoint(cp) && cp != 0) return cp;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new XmlBytes.Malformed("an undeclared entity &" + name + ";");
  }
}
