package io.datamapper.format.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a record as read: name, attributes, its own text (pieces of text and CDATA
 * concatenated, XML whitespace trimmed at both ends, {@code null} when blank) and children in
 * document order. Built by {@link XmlScanner}, read by {@link Flattener}.
 */
final class Element {
  final String name;

  /** Alternating attribute names and values, or null when there are none. */
  String[] attributes;

  /** {@code xsi:nil="true"}: the element's value is null whatever it contains. */
  boolean nil;

  String text;
  private StringBuilder more;
  List<Element> children;

  Element(String name) {
    this.name = name;
  }

  void add(Element child) {
    if (children == null) children = new ArrayList<>(4);
    children.add(child);
  }

  /**
   * Appends a piece of text; whitespace before the first non-blank piece is dropped (trimmed
   * anyway).
   */
  void append(char[] chars, int start, int length, boolean whitespace) {
    if (text == null && more == null) {
      if (whitespace) return;
      text = new String(chars, start, length);
    } else {
      if (more == null) {
        more = new StringBuilder(text.length() + length + 16).append(text);
        text = null;
      }
      more.append(chars, start, length);
    }
  }

  /** Characters of text appended so far (before trimming). */
  int textLength() {
    return more != null ? more.length() : text != null ? text.length() : 0;
  }

  /** Called at the end tag: settles the text. */
  void finish() {
    String s = more != null ? more.toString() : text;
    more = null;
    text = s == null ? null : trim(s);
  }

  boolean isLeaf() {
    return children == null;
  }

  boolean hasAttributes() {
    return attributes != null;
  }

  /** Trims XML whitespace (space, tab, CR, LF) only; null when nothing is left. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isXmlSpace(s.charAt(start))) start++;
    while (end > start && isXmlSpace(s.charAt(end - 1))) end--;
    if (start == end) return null;
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }
}
