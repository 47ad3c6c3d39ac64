package io.datamapper.format.json;

import io.datamapper.format.BadFileException;
import io.datamapper.mapping.MappingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonToken;

/**
 * Finds the records in a JSON file and stops on each one's opening brace: the elements of a
 * top-level array; every top-level object (one, or a sequence as in JSON Lines); or the elements of
 * the array at a records path of object keys ({@code data.items}), in each top-level object.
 * Without a path, a lone top-level object holding exactly one array of objects within three keys of
 * the top is read as that array ({@link #detect}). Anything else is refused: no records, a record
 * that is not an object, or content after the top-level array. Not thread-safe.
 */
final class RecordStream {
  /** How deep under the top-level object an array of records is looked for. */
  static final int DETECT_DEPTH = 3;

  private final TokenSource src;
  private final String fileName;

  /**
   * Keys from each top-level object to the records; empty: the top level; null: not decided yet.
   */
  private String[] path;

  private boolean started;
  private boolean ended;
  private boolean rootArray;
  private boolean inArray;
  private boolean atLoneObject;
  private long records;

  /**
   * @param recordsPath dotted keys to the records; "" (or "$") for the top level; null to detect
   */
  RecordStream(TokenSource src, String fileName, String recordsPath) {
    this.src = src;
    this.fileName = fileName;
    this.path = parsePath(recordsPath);
  }

  static String[] parsePath(String recordsPath) {
    if (recordsPath == null) return null;
    String p = recordsPath.strip();
    if (p.startsWith("$")) p = p.substring(1);
    if (p.startsWith(".")) p = p.substring(1);
    if (p.isEmpty()) return new String[0];
    String[] keys = p.split("\\.", -1);
    for (String k : keys) {
      if (k.isEmpty()) {
        throw new MappingException(
            List.of(
                "source.json.recordsPath '"
                    + recordsPath
                    + "' has an empty key; write the object keys from the top joined by dots, like data.items"));
      }
    }
    return keys;
  }

  /**
   * The records path in use, dotted; "" for the top level. Known once the first record is found.
   */
  String recordsPath() {
    return path == null ? null : String.join(".", path);
  }

  /**
   * Whether the records are top-level objects one after another (as in JSON Lines) and the last one
   * was read whole: then the rest of the file may be read another way.
   */
  boolean betweenTopLevelObjects() {
    return started && !ended && path != null && path.length == 0 && !rootArray && !inArray;
  }

  /** Counts {@code n} records read another way, for the record numbers in messages. */
  void countRead(long n) {
    records += n;
  }

  /** Moves to the opening brace of the next record; false at the end of the file. */
  boolean next() throws IOException {
    if (ended) return false;
    boolean found;
    if (!started) {
      started = true;
      found = start();
    } else if (inArray) {
      found = nextElement();
    } else if (atLoneObject) {
      atLoneObject = false;
      closeEnclosing(path.length);
      found = nextTopLevel();
    } else {
      found = nextTopLevel();
    }
    if (found) records++;
    else ended = true;
    return found;
  }

  private boolean start() throws IOException {
    boolean detecting = path == null;
    if (detecting) src.record();
    JsonToken t = src.next();
    if (t == null) {
      throw src.malformedAtEnd(
          "the file is empty; a JSON file holds an array of objects, an object, or one object per line");
    }
    if (t == JsonToken.START_OBJECT) {
      if (detecting) {
        path = detect(src);
        src.rewind();
        src.next();
      }
      return path.length == 0 || enterPath();
    }
    if (detecting) {
      src.forget();
      path = new String[0];
    }
    if (t == JsonToken.START_ARRAY) {
      if (path.length > 0) {
        drain();
        throw new BadFileException(
            fileName
                + " has no records at \""
                + recordsPath()
                + "\": the top level is an array, "
                + "not an object; remove source.json.recordsPath to read the array's objects");
      }
      rootArray = true;
      inArray = true;
      return nextElement();
    }
    drain();
    throw new BadFileException(
        fileName
            + " has no records: the top level is "
            + describe(t)
            + ", not objects (a JSON file holds an array of objects, an object, or one object per line)");
  }

  /** In an array of records: the next element, which must be an object. */
  private boolean nextElement() throws IOException {
    JsonToken t = src.next();
    if (t == JsonToken.START_OBJECT) return true;
    if (t == JsonToken.END_ARRAY) {
      inArray = false;
      closeEnclosing(path.length);
      return nextTopLevel();
    }
    if (t == null) throw src.malformedAtEnd("the file ends inside the array of records");
    if (records == 0) {
      String where = path.length == 0 ? "the top level" : "\"" + recordsPath() + "\"";
      String kind = describe(t);
      drain();
      throw new BadFileException(
          fileName
              + " has no records: "
              + where
              + " is an array of "
              + plural(kind)
              + ", not objects");
    }
    throw notAnObject(t, "every element of the array of records must be an object");
  }

  /** The next record is {@code t}, not an object, which {@code rule} says it must be. */
  private BadFileException notAnObject(JsonToken t, String rule) {
    return new BadFileException(
        fileName
            + ": record "
            + (records + 1)
            + " "
            + src.position()
            + " is "
            + describe(t)
            + ", not an object; "
            + rule);
  }

  /** After a top-level value: the next top-level object, or the end. */
  private boolean nextTopLevel() throws IOException {
    JsonToken t = src.next();
    if (t == null) return false;
    if (rootArray) {
      throw src.malformed(
          "more content follows the top-level array; a JSON file holds one top-level value "
              + "(or one object per line)");
    }
    if (t == JsonToken.START_OBJECT) return path.length == 0 || enterPath();
    if (path.length == 0) {
      throw notAnObject(
          t,
          "after a top-level object only more objects may follow (one per line, as in JSON Lines)");
    }
    throw src.malformed(
        describe(t) + " follows the top-level object; only more objects may follow it");
  }

  /** On a top-level object's opening brace: walks the path; true when on a record. */
  private boolean enterPath() throws IOException {
    for (int i = 0; i < path.length; i++) {
      List<String> keys = new ArrayList<>();
      long line = src.line();
      while (true) {
        JsonToken t = src.next();
        if (t != JsonToken.PROPERTY_NAME) {
          throw new BadFileException(
              fileName
                  + " has no records at \""
                  + recordsPath()
                  + "\": the object at line "
                  + line
                  + " has no key \""
                  + path[i]
                  + "\""
                  + (keys.isEmpty() ? "" : " (its keys: " + listKeys(keys) + ")"));
        }
        String key = src.name();
        JsonToken value = src.next();
        if (!key.equals(path[i])) {
          if (keys.size() <= 20) keys.add(key);
          src.skipChildren();
          continue;
        }
        boolean last = i == path.length - 1;
        if (value == JsonToken.START_OBJECT && !last) break;
        if (value == JsonToken.START_ARRAY && last) {
          inArray = true;
          return nextElement();
        }
        if (value == JsonToken.START_OBJECT) {
          atLoneObject = true;
          return true;
        }
        String at = String.join(".", Arrays.copyOf(path, i + 1));
        String kind = describe(value);
        long valueLine = src.line();
        drain();
        throw new BadFileException(
            fileName
                + " has no records at \""
                + recordsPath()
                + "\": \""
                + at
                + "\" (line "
                + valueLine
                + ") is "
                + kind
                + ", not "
                + (last ? "an array of objects" : "an object"));
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** Reads past the rest of {@code open} enclosing objects. */
  private void closeEnclosing(int open) throws IOException {
    while (open > 0) {
      JsonToken t = src.next();
      if (t == null) throw src.malformedAtEnd("the file ends inside an object");
      if (t == JsonToken.END_OBJECT) open--;
      else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) src.skipChildren();
    }
  }

  /** Reads the rest of the file, so that a syntax error is reported before "no records". */
  private void drain() throws IOException {
    src.skipChildren();
    JsonToken t;
    while ((t = src.next()) != null) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) src.skipChildren();
    }
  }

  /**
   * With the source on the top-level object's opening brace: the keys to the records. A lone
   * top-level object (nothing follows it) with exactly one array of objects within {@link
   * #DETECT_DEPTH} keys is read as that array; otherwise the top-level objects are the records.
   * Looks at most {@link JsonRecordReader#SAMPLE_BYTES} far; when the object is longer, one array
   * of objects found so far decides.
   */
  static String[] detect(TokenSource src) throws IOException {
    List<String> candidates = new ArrayList<>();
    int limit = src.limits().maxNestingDepth() + 2;
    // per open container: the number of keys from the top to it, or -1 inside an array
    int[] keysTo = new int[limit];
    boolean[] isArray = new boolean[limit];
    String[] keys = new String[DETECT_DEPTH];
    int depth = 1;
    JsonToken pending = null;
    while (depth > 0) {
      if (src.offset() > JsonRecordReader.SAMPLE_BYTES)
        return candidates.size() == 1 ? parsePath(candidates.get(0)) : new String[0];
      JsonToken t = pending != null ? pending : src.next();
      pending = null;
      if (t == null) return candidates.size() == 1 ? parsePath(candidates.get(0)) : new String[0];
      switch (t) {
        case PROPERTY_NAME -> {
          int k = keysTo[depth];
          if (!isArray[depth] && k >= 0 && k < DETECT_DEPTH) keys[k] = src.name();
        }
        case START_OBJECT -> {
          int k = isArray[depth] ? -1 : keysTo[depth];
          depth++;
          isArray[depth] = false;
          keysTo[depth] = k >= 0 && k + 1 < DETECT_DEPTH ? k + 1 : -1;
        }
        case START_ARRAY -> {
          int k = isArray[depth] ? -1 : keysTo[depth];
          depth++;
          isArray[depth] = true;
          keysTo[depth] = -1;
          if (k >= 0 && k < DETECT_DEPTH) {
            pending = src.next();
            if (pending == JsonToken.START_OBJECT)
              candidates.add(String.join(".", Arrays.copyOf(keys, k + 1)));
          }
        }
        case END_OBJECT, END_ARRAY -> depth--;
        default -> {}
      }
    }
    boolean more = src.next() != null;
    return candidates.size() == 1 && !more ? parsePath(candidates.get(0)) : new String[0];
  }

  private static String listKeys(List<String> keys) {
    List<String> quoted = keys.stream().limit(20).map(k -> "\"" + k + "\"").toList();
    return String.join(", ", quoted) + (keys.size() > 20 ? ", ..." : "");
  }

  static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }

  private static String plural(String kind) {
    return switch (kind) {
      case "an array" -> "arrays";
      case "a string" -> "strings";
      case "a number" -> "numbers";
      case "a boolean" -> "booleans";
      case "null" -> "nulls";
      default -> kind;
    };
  }
}
