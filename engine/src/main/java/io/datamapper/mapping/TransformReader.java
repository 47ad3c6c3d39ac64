package io.datamapper.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a column's {@code transform} steps for {@link MappingReader}: names ({@code trim}) or
 * one-key objects ({@code {replace: {pattern, with}}}), adding each problem to the reader's list.
 * Not thread-safe: one per mapping being read.
 */
final class TransformReader {
  private final List<String> problems;

  TransformReader(List<String> problems) {
    this.problems = problems;
  }

  List<Transform> read(String label, JsonNode n) {
    List<Transform> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) return out;
    List<JsonNode> steps = n.isArray() ? List.copyOf(n.values()) : List.of(n);
    for (JsonNode step : steps) {
      Transform t = transform(label, step);
      if (t != null) out.add(t);
    }
    return out;
  }

  private Transform transform(String label, JsonNode step) {
    String where = label + ": transform ";
    if (step.isString()) {
      return switch (step.asString()) {
        case "trim" -> Transform.TRIM;
        case "lower" -> Transform.LOWER;
        case "upper" -> Transform.UPPER;
        default -> {
          problems.add(
              where
                  + "'"
                  + step.asString()
                  + "' is unknown; use trim, lower, upper, replace, defaultIfEmpty, map, hash or mask");
          yield null;
        }
      };
    }
    if (!step.isObject() || step.size() != 1) {
      problems.add(
          where + "steps are a name (trim) or an object with one key ({replace: {pattern, with}})");
      return null;
    }
    String kind = step.propertyNames().iterator().next();
    JsonNode arg = step.get(kind);
    try {
      return switch (kind) {
        case "trim" -> Transform.TRIM;
        case "lower" -> Transform.LOWER;
        case "upper" -> Transform.UPPER;
        case "replace" -> {
          allowOnly(arg, where + "replace", "pattern", "with");
          String pattern = text(arg, "pattern");
          if (pattern == null) {
            problems.add(where + "replace needs a pattern");
            yield null;
          }
          yield new Transform.Replace(pattern, text(arg, "with"));
        }
        case "defaultIfEmpty" -> new Transform.DefaultIfEmpty(arg.asString());
        case "map" -> valueMap(where, arg);
        case "hash" -> hash(where, arg);
        case "mask" -> mask(where, arg);
        case "splitPart" -> splitPart(where, arg);
        default -> {
          problems.add(
              where
                  + "'"
                  + kind
                  + "' is unknown; use trim, lower, upper, replace, defaultIfEmpty, map, hash or mask");
          yield null;
        }
      };
    } catch (PatternSyntaxException e) {
      problems.add(
          where + "replace: the pattern is not a valid regular expression: " + e.getDescription());
      return null;
    }
  }

  /**
   * {@code {hash: {saltEnv: NAME}}}: the salt is read from the environment now, so a missing one is
   * a mapping problem before any row moves; the problem names the variable, never a value.
   */
  private Transform hash(String where, JsonNode arg) {
    allowOnly(arg, where + "hash", "saltEnv");
    String env = arg.isObject() ? text(arg, "saltEnv") : null;
    if (env == null || env.isBlank()) {
      problems.add(where + "hash needs saltEnv: the environment variable that holds the salt");
      return null;
    }
    String salt = System.getenv(env);
    if (salt == null || salt.isEmpty()) {
      problems.add(
          where
              + "hash: the environment variable "
              + env
              + " (saltEnv) is not set or empty; set it to the salt before importing");
      return null;
    }
    return new Transform.Hash(env, salt);
  }

  /** {@code {mask: {keep: 4}}}. */
  private Transform mask(String where, JsonNode arg) {
    allowOnly(arg, where + "mask", "keep");
    JsonNode keep = arg.path("keep");
    if (!keep.canConvertToInt() || keep.asInt() < 0) {
      problems.add(
          where + "mask needs keep: how many trailing characters stay visible (0 or more)");
      return null;
    }
    return new Transform.Mask(keep.asInt());
  }

  /** {@code {splitPart: {separator, part, of}}}: what a column's split expands to. */
  private Transform splitPart(String where, JsonNode arg) {
    allowOnly(arg, where + "splitPart", "separator", "part", "of");
    String separator = text(arg, "separator");
    int part = arg.path("part").asInt(0);
    int of = arg.path("of").asInt(0);
    if (separator == null || separator.isEmpty() || part < 1 || part > of) {
      problems.add(where + "splitPart needs a separator and 1 <= part <= of");
      return null;
    }
    return new Transform.SplitPart(separator, part, of);
  }

  private Transform valueMap(String where, JsonNode arg) {
    if (!arg.isObject()) {
      problems.add(where + "map needs an object of from: to values");
      return null;
    }
    JsonNode table = arg.has("values") && arg.get("values").isObject() ? arg.get("values") : arg;
    String otherwise = table == arg ? null : text(arg, "otherwise");
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : table.properties()) {
      values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
    }
    return new Transform.ValueMap(values, otherwise);
  }

  private static String text(JsonNode n, String key) {
    return MappingReader.text(n, key);
  }

  private void allowOnly(JsonNode n, String where, String... keys) {
    MappingReader.allowOnly(problems, n, where, keys);
  }
}
