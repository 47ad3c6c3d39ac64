package io.datamapper.format.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.io.SerializedString;

/**
 * The fields of a JSON file: a tree of object keys whose nodes know the flattened field ({@code
 * parent.child}) they feed. While the sample is read, every leaf met becomes a field in order of
 * first appearance; {@link #freeze()} then adds the requested fields not seen and fixes the list,
 * after which keys leading to no field are skipped. Two key paths with one dotted name ({@code
 * {"a.b":1}} and {@code {"a":{"b":2}}}) feed the same field. Not thread-safe.
 */
final class FieldTree {
  /**
   * Keys remembered per object after the freeze, so objects used as maps cannot grow the tree
   * without end.
   */
  private static final int MAX_CACHED_CHILDREN = 4096;

  /**
   * Keys remembered before the freeze: the first record may be of any size, and a record of
   * millions of distinct keys would otherwise grow the tree past the heap. Keys beyond it are not
   * fields (the mapping's fields always are).
   */
  static final int MAX_NODES = 100_000;

  /** Positions of an object whose keys are predicted: beyond, an object is a map, not a record. */
  static final int MAX_KEYS_SEEN = 256;

  /** Mispredicted keys after which an object whose keys vary is no longer predicted. */
  static final int MISSES_TOLERATED = 1024;

  static final class Node {
    final String name;
    final String key;
    final Node parent;
    HashMap<String, Node> children;
    int index = -1;

    /** Named by the mapping: an object here is also given as its JSON text. */
    boolean requested;

    /** After the freeze: nothing below or at this key is a field. */
    boolean skip;

    /**
     * The keys of this object's last occurrence by position, with what {@link #child} gave for
     * each: records of one file mostly repeat their keys in one order, so the parser can compare
     * the next key's bytes with the expected one instead of decoding and looking it up. Null until
     * the object is read; forgotten at the freeze (skips and node limits change then).
     */
    SerializedString[] keysSeen;

    Node[] childrenSeen;

    /** Keys that did not match the expectation, and that did. */
    int misses;

    int hits;

    Node(String name, String key, Node parent) {
      this.name = name;
      this.key = key;
      this.parent = parent;
    }

    /**
     * The key expected at {@code position} of this object, or null (not seen yet, or the keys here
     * vary too often to be worth predicting).
     */
    SerializedString expectedKey(int position) {
      SerializedString[] seen = keysSeen;
      if (seen == null || position >= seen.length) return null;
      if (misses > MISSES_TOLERATED && misses > hits >> 3) return null;
      return seen[position];
    }

    /** Remembers that {@code key} at {@code position} gave {@code child} (null: not a field). */
    void remember(int position, String key, Node child) {
      if (position >= MAX_KEYS_SEEN) return;
      if (keysSeen == null) {
        keysSeen = new SerializedString[8];
        childrenSeen = new Node[8];
      } else if (position >= keysSeen.length) {
        int size = Math.min(MAX_KEYS_SEEN, keysSeen.length * 2);
        keysSeen = Arrays.copyOf(keysSeen, size);
        childrenSeen = Arrays.copyOf(childrenSeen, size);
      }
      keysSeen[position] = new SerializedString(key);
      childrenSeen[position] = child;
    }

    void forgetKeys() {
      keysSeen = null;
      childrenSeen = null;
    }
  }

  private final Node root = new Node("", "", null);
  private final Set<String> requested;
  private final List<String> requestedInOrder;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<String[]> paths = new ArrayList<>();

  /** Fields that held an array or object (JSON text) at least once. */
  private boolean[] json = new boolean[16];

  private final Set<String> prefixes = new HashSet<>();
  private boolean frozen;
  private int nodes;

  FieldTree(List<String> requestedFields) {
    this.requestedInOrder = List.copyOf(new LinkedHashSet<>(requestedFields));
    this.requested = Set.copyOf(requestedInOrder);
  }

  Node root() {
    return root;
  }

  boolean frozen() {
    return frozen;
  }

  /**
   * The node for {@code key} under {@code parent}, or null when nothing there is a field (after the
   * freeze).
   */
  Node child(Node parent, String key) {
    HashMap<String, Node> kids = parent.children;
    Node n = kids == null ? null : kids.get(key);
    if (n != null) return n.skip ? null : n;
    String name = parent == root ? key : parent.name + "." + key;
    if (!frozen && nodes >= MAX_NODES && !requested.contains(name)) return null;
    nodes++;
    n = new Node(name, key, parent);
    n.requested = requested.contains(name);
    if (frozen) {
      resolve(n);
      if (kids != null && kids.size() >= MAX_CACHED_CHILDREN) return n.skip ? null : n;
    }
    if (kids == null) parent.children = kids = new HashMap<>();
    kids.put(key, n);
    return n.skip ? null : n;
  }

  /** Before the freeze: makes {@code n} a field (if there is room) and returns its index, or -1. */
  int assign(Node n) {
    Integer known = indexByName.get(n.name);
    if (known != null) {
      n.index = known;
      return known;
    }
    if (names.size() >= JsonRecordReader.MAX_FIELDS && !n.requested) return -1;
    n.index = add(n.name, pathOf(n));
    return n.index;
  }

  private int add(String name, String[] path) {
    int i = names.size();
    names.add(name);
    paths.add(path);
    indexByName.put(name, i);
    if (i >= json.length) json = Arrays.copyOf(json, json.length * 2);
    return i;
  }

  private static String[] pathOf(Node n) {
    ArrayDeque<String> keys = new ArrayDeque<>();
    for (Node at = n; at.parent != null; at = at.parent) keys.addFirst(at.key);
    return keys.toArray(String[]::new);
  }

  void markJson(int index) {
    json[index] = true;
  }

  boolean isJson(int index) {
    return json[index];
  }

  /**
   * The keys leading to field {@code index} (a requested field never seen: its name split at dots).
   */
  String[] path(int index) {
    return paths.get(index);
  }

  /**
   * Ends the sample: appends each requested field that no record had (unless the file has exactly
   * one field equal to it ignoring case, which the mapping will match), then fixes the list.
   */
  void freeze() {
    for (String r : requestedInOrder) {
      if (indexByName.containsKey(r) || uniqueCaseInsensitiveMatch(r)) continue;
      add(r, r.split("\\.", -1));
    }
    for (String name : names) {
      for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1))
        prefixes.add(name.substring(0, dot));
    }
    frozen = true;
    ArrayDeque<Node> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Node n = todo.poll();
      if (n != root) resolve(n);
      n.forgetKeys();
      if (n.children != null) todo.addAll(n.children.values());
    }
  }

  private void resolve(Node n) {
    n.index = indexByName.getOrDefault(n.name, -1);
    n.skip = n.index < 0 && !prefixes.contains(n.name);
  }

  private boolean uniqueCaseInsensitiveMatch(String wanted) {
    String w = wanted.strip().toLowerCase(Locale.ROOT);
    int found = 0;
    for (String name : names) {
      if (name.strip().toLowerCase(Locale.ROOT).equals(w)) found++;
    }
    return found == 1;
  }

  /** The field names, in index order. */
  List<String> names() {
    return names;
  }
}
