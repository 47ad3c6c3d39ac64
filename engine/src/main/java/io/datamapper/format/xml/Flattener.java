package io.datamapper.format.xml;

import io.datamapper.format.JsonStrings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a record's {@link Element} tree into named fields:
 *
 * <ul>
 *   <li>attributes of the record element: {@code @id}; the record's own (mixed-content) text:
 *       {@code #text};
 *   <li>a child element's text: {@code title}; nested elements: {@code author.name}; their
 *       attributes: {@code author.@id}; an element with children and text of its own: {@code
 *       name.#text};
 *   <li>an element with attributes and no text gives only its attributes; an empty one gives null;
 *       {@code xsi:nil="true"} gives null;
 *   <li>children with the same path repeated inside one record: one field holding a compact JSON
 *       array ({@code ["a","b"]}); a complex child becomes an object flattened by these same rules
 *       ({@code [{"@id":"1","name":"x"}]}). A path that repeats in any record of the sample is an
 *       array in every record, even with one element, so a jsonb column always gets an array.
 * </ul>
 *
 * Thread-safe as long as the array paths it was given do not change.
 */
final class Flattener {
  /**
   * Above this many children, siblings are grouped by name through a map rather than by scanning.
   */
  private static final int SCAN_LIMIT = 8;

  /** Receives fields in document order. */
  interface Sink {
    void field(String name, String value);

    /** A field whose value is a JSON array. */
    default void array(String name, String json) {
      field(name, json);
    }
  }

  private final Set<String> arrayPaths;

  Flattener(Set<String> arrayPaths) {
    this.arrayPaths = arrayPaths;
  }

  void record(Element record, Sink sink) {
    attributes(record, "", sink);
    if (record.text != null && !record.nil) sink.field("#text", record.text);
    children(record, "", arrayPaths, sink);
  }

  /** Adds to {@code into} the paths that repeat inside {@code e} (prefix "" for a record). */
  static void collectArrayPaths(Element e, String prefix, Set<String> into) {
    List<Element> kids = e.children;
    if (kids == null) return;
    Map<String, int[]> counts = kids.size() > SCAN_LIMIT ? countByName(kids) : null;
    for (int i = 0; i < kids.size(); i++) {
      int count = groupSize(kids, i, counts);
      if (count == 0) continue;
      Element child = kids.get(i);
      String path = prefix + child.name;
      if (count > 1) {
        into.add(path);
      } else if (!into.contains(path)) {
        collectArrayPaths(child, path + ".", into);
      }
    }
  }

  private static void attributes(Element e, String prefix, Sink sink) {
    String[] a = e.attributes;
    if (a == null) return;
    for (int i = 0; i < a.length; i += 2) sink.field(prefix + "@" + a[i], a[i + 1]);
  }

  private static void children(Element e, String prefix, Set<String> arrays, Sink sink) {
    List<Element> kids = e.children;
    if (kids == null) return;
    Map<String, int[]> counts = kids.size() > SCAN_LIMIT ? countByName(kids) : null;
    for (int i = 0; i < kids.size(); i++) {
      int count = groupSize(kids, i, counts);
      if (count == 0) continue;
      Element child = kids.get(i);
      String path = prefix + child.name;
      if (count > 1 || arrays.contains(path)) {
        sink.array(path, array(kids, i, count));
      } else {
        element(child, path, arrays, sink);
      }
    }
  }

  private static void element(Element e, String path, Set<String> arrays, Sink sink) {
    attributes(e, path + ".", sink);
    if (e.nil) {
      sink.field(path, null);
    } else if (e.isLeaf()) {
      if (e.text != null || !e.hasAttributes()) sink.field(path, e.text);
    } else {
      if (e.text != null) sink.field(path + ".#text", e.text);
      children(e, path + ".", arrays, sink);
    }
  }

  /** The {@code count} children named like {@code kids[first]}, as a JSON array. */
  private static String array(List<Element> kids, int first, int count) {
    StringBuilder json = new StringBuilder(64).append('[');
    String name = kids.get(first).name;
    int left = count;
    for (int i = first; i < kids.size() && left > 0; i++) {
      Element e = kids.get(i);
      if (!e.name.equals(name)) continue;
      if (left-- < count) json.append(',');
      value(e, json);
    }
    return json.append(']').toString();
  }

  /** One element as a JSON value: a string (or null) for a plain leaf, else an object. */
  private static void value(Element e, StringBuilder json) {
    if (e.isLeaf() && !e.hasAttributes()) {
      JsonStrings.append(json, e.nil ? null : e.text);
      return;
    }
    json.append('{');
    int start = json.length();
    Sink object =
        new Sink() {
          @Override
          public void field(String name, String value) {
            key(name);
            JsonStrings.append(json, value);
          }

          @Override
          public void array(String name, String array) {
            key(name);
            json.append(array);
          }

          private void key(String name) {
            if (json.length() > start) json.append(',');
            JsonStrings.append(json, name);
            json.append(':');
          }
        };
    attributes(e, "", object);
    if (e.nil) {
      object.field("#text", null);
    } else {
      if (e.text != null) object.field("#text", e.text);
      children(e, "", Set.of(), object);
    }
    json.append('}');
  }

  private static Map<String, int[]> countByName(List<Element> kids) {
    Map<String, int[]> counts = new HashMap<>();
    for (Element k : kids) counts.computeIfAbsent(k.name, n -> new int[2])[0]++;
    return counts;
  }

  /** How many children share {@code kids[i]}'s name, or 0 when an earlier child already had it. */
  private static int groupSize(List<Element> kids, int i, Map<String, int[]> counts) {
    String name = kids.get(i).name;
    if (counts != null) {
      int[] c = counts.get(name);
      if (c[1] == 1) return 0;
      c[1] = 1;
      return c[0];
    }
    for (int j = 0; j < i; j++) {
      if (kids.get(j).name.equals(name)) return 0;
    }
    int n = 1;
    for (int j = i + 1; j < kids.size(); j++) {
      if (kids.get(j).name.equals(name)) n++;
    }
    return n;
  }
}
