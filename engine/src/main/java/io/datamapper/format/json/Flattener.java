package io.datamapper.format.json;

import io.datamapper.format.JsonStrings;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.IOException;
import java.util.Arrays;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.SerializedString;

/**
 * Reads one record (an object) from the tokens into field values: nested objects flatten to {@code
 * parent.child}; an array is one value, its compact JSON text; an object named by the mapping is
 * also given as its compact JSON text. Strings are given as they are, numbers as written (no
 * conversion), booleans as {@code true}/{@code false}, JSON null as null. Recursion follows object
 * nesting only, which the parser limits. A value written as JSON text stops at {@link
 * ReadLimits#maxValueChars()}, the record (its values and keys) at {@link
 * ReadLimits#maxRecordChars()}, each while it is built. Not thread-safe.
 */
final class Flattener {
  private final TokenSource src;
  private final FieldTree tree;
  private final String fileName;
  private final int maxValue;
  private final int maxRecord;

  /** Whether keys are matched against the last record's ({@link FieldTree.Node#expectedKey}). */
  private final boolean predictKeys;

  private final StringBuilder scratch = new StringBuilder();
  private String[] values;
  private long record;
  private long line;
  private long recordChars;

  Flattener(TokenSource src, FieldTree tree, String fileName, boolean predictKeys) {
    this.predictKeys = predictKeys;
    this.src = src;
    this.tree = tree;
    this.fileName = fileName;
    this.maxValue = src.limits().maxValueChars();
    this.maxRecord = src.limits().maxRecordChars();
  }

  /**
   * Reads the object whose start the source is on (record {@code record}, starting at {@code line})
   * into {@code into} (grown while the field list is still open) and returns the array holding the
   * values.
   */
  String[] read(String[] into, long record, long line) throws IOException {
    values = into;
    this.record = record;
    this.line = line;
    this.recordChars = 0;
    if (scratch.capacity() > 1 << 16) scratch.trimToSize(); // a huge array once must not stay held
    readObject(tree.root(), null);
    String[] result = values;
    values = null;
    return result;
  }

  /** Reads an object's members; {@code text}, when given, receives the object's compact JSON. */
  private void readObject(FieldTree.Node node, StringBuilder text) throws IOException {
    if (text != null) text.append('{');
    boolean first = true;
    for (int position = 0; ; position++) {
      String key;
      FieldTree.Node child;
      SerializedString expected = predictKeys ? node.expectedKey(position) : null;
      if (expected != null && src.nextName(expected)) {
        node.hits++;
        key = expected.getValue();
        child = node.childrenSeen[position];
      } else {
        if (expected != null) node.misses++;
        if ((expected == null ? src.next() : src.current()) != JsonToken.PROPERTY_NAME) break;
        key = src.name();
        child = tree.child(node, key);
        if (predictKeys) node.remember(position, key, child);
      }
      count(key.length());
      if (text != null) {
        if (!first) text.append(',');
        JsonStrings.append(text, key);
        text.append(':');
      }
      first = false;
      JsonToken value = src.next();
      if (child == null) {
        if (text != null) copy(value, text, 0, node);
        else src.skipChildren();
      } else {
        readValue(child, value, text);
      }
    }
    if (text != null) text.append('}');
  }

  private void readValue(FieldTree.Node n, JsonToken value, StringBuilder text) throws IOException {
    switch (value) {
      case START_OBJECT -> {
        if (!n.requested) {
          readObject(n, text);
          return;
        }
        // fields in order of first appearance: the object before its members
        if (n.index < 0 && !tree.frozen()) tree.assign(n);
        StringBuilder own = text != null ? text : new StringBuilder();
        int start = own.length();
        readObject(n, own);
        checkText(own, start, n);
        putJson(n, own.substring(start));
      }
      case START_ARRAY -> {
        StringBuilder own = text != null ? text : scratch;
        int start = text != null ? text.length() : 0;
        if (text == null) scratch.setLength(0);
        copy(value, own, start, n);
        putJson(n, own.substring(start));
      }
      case VALUE_STRING -> {
        String s = src.text();
        put(n, s);
        if (text != null) JsonStrings.append(text, s);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        String s = src.text();
        put(n, s);
        if (text != null) text.append(s);
      }
      case VALUE_TRUE -> {
        put(n, "true");
        if (text != null) text.append("true");
      }
      case VALUE_FALSE -> {
        put(n, "false");
        if (text != null) text.append("false");
      }
      case VALUE_NULL -> {
        put(n, null);
        if (text != null) text.append("null");
      }
      default -> throw new IllegalStateException("unexpected " + value + " as a value");
    }
  }

  private void putJson(FieldTree.Node n, String json) {
    int i = put(n, json);
    if (i >= 0) tree.markJson(i);
  }

  private int put(FieldTree.Node n, String value) {
    if (value != null) count(value.length());
    int i = n.index;
    if (i < 0) {
      if (tree.frozen()) return -1;
      i = tree.assign(n);
      if (i < 0) return -1;
    }
    if (i >= values.length) values = Arrays.copyOf(values, Math.max(i + 1, values.length * 2));
    values[i] = value;
    return i;
  }

  /** Counts characters the record holds against the record limit. */
  private void count(int chars) {
    recordChars += chars;
    if (recordChars > maxRecord) {
      throw new LimitExceededException(
          fileName,
          "record "
              + record
              + " (starting at line "
              + line
              + ") is larger than "
              + Sizes.count(maxRecord)
              + " characters",
          maxRecord,
          ReadLimits.RECORD);
    }
  }

  /**
   * Fails when the JSON text of field {@code n} since {@code start} in {@code out} is over the
   * value limit.
   */
  private void checkText(StringBuilder out, int start, FieldTree.Node n) {
    if (out.length() - start > maxValue) {
      throw new LimitExceededException(
          fileName,
          "in record "
              + record
              + " (starting at line "
              + line
              + "), field '"
              + Sizes.shorten(n.name, 100)
              + "' is longer than "
              + Sizes.count(maxValue)
              + " characters as JSON text",
          maxValue,
          ReadLimits.VALUE);
    }
  }

  /**
   * Appends the value that starts with {@code t} as compact JSON; iterative, so depth costs no
   * stack. The text from {@code start} (field {@code n}) is checked against the value limit as it
   * grows.
   */
  private void copy(JsonToken t, StringBuilder out, int start, FieldTree.Node n)
      throws IOException {
    int depth = 0;
    boolean comma = false;
    while (true) {
      checkText(out, start, n);
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          if (comma) out.append(',');
          out.append(t == JsonToken.START_OBJECT ? '{' : '[');
          depth++;
          comma = false;
        }
        case END_OBJECT, END_ARRAY -> {
          out.append(t == JsonToken.END_OBJECT ? '}' : ']');
          depth--;
          comma = true;
        }
        case PROPERTY_NAME -> {
          if (comma) out.append(',');
          JsonStrings.append(out, src.name());
          out.append(':');
          comma = false;
        }
        default -> {
          if (comma) out.append(',');
          switch (t) {
            case VALUE_STRING -> JsonStrings.append(out, src.text());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(src.text());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalStateException("unexpected " + t + " in a value");
          }
          comma = true;
        }
      }
      if (depth == 0) return;
      t = src.next();
      if (t == null) throw src.malformedAtEnd("the file ends inside a value");
    }
  }
}
