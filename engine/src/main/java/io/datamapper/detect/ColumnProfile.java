package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Transform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one column's sampled values say: the proposed type and format, a trim step when typed values
 * carry spaces, the null-token candidates seen (with counts), and whether every value is present
 * and distinct (candidate-key evidence). Immutable.
 */
record ColumnProfile(
    String column,
    Typed typed,
    List<Transform> transforms,
    Map<String, Integer> nullTokens,
    List<String> notes,
    int rows,
    boolean presentAndDistinct,
    boolean allEmpty,
    List<String> examples) {

  /** Distinct sampled values kept as a note's evidence. */
  static final int EXAMPLES = 5;

  /** Spellings of "no value" that become null tokens when a typed column uses them. */
  static final List<String> NULL_TOKEN_CANDIDATES =
      List.of("NULL", "null", "N/A", "n/a", "NA", "-", "\\N");

  private static final Map<String, String> BOOLEAN_FAMILIES =
      Map.ofEntries(
          Map.entry("true", "true|false"),
          Map.entry("false", "true|false"),
          Map.entry("t", "t|f"),
          Map.entry("f", "t|f"),
          Map.entry("yes", "yes|no"),
          Map.entry("no", "yes|no"),
          Map.entry("y", "y|n"),
          Map.entry("n", "y|n"),
          Map.entry("ja", "ja|nein"),
          Map.entry("nein", "ja|nein"),
          Map.entry("wahr", "wahr|falsch"),
          Map.entry("falsch", "wahr|falsch"),
          Map.entry("oui", "oui|non"),
          Map.entry("non", "oui|non"),
          Map.entry("vrai", "vrai|faux"),
          Map.entry("faux", "vrai|faux"));
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

  /**
   * Built on first use: most files have no JSON values, and building a mapper costs ~0.2 s of
   * start-up.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  ColumnProfile {
    transforms = List.copyOf(transforms);
    nullTokens = Map.copyOf(nullTokens);
    notes = List.copyOf(notes);
    examples = List.copyOf(examples);
  }

  ColumnType type() {
    return typed.type();
  }

  /** Profiles the values of one column; {@code null} stands for a missing field. */
  static ColumnProfile of(String column, List<String> values, char delimiter) {
    List<String> present = new ArrayList<>(values.size());
    Map<String, Integer> tokens = new LinkedHashMap<>();
    Set<String> distinct = new HashSet<>();
    boolean padded = false;
    int blank = 0;
    boolean allPresent = true;
    for (String raw : values) {
      if (raw == null || raw.isEmpty()) {
        allPresent = false;
        continue;
      }
      if (NULL_TOKEN_CANDIDATES.contains(raw)) {
        tokens.merge(raw, 1, Integer::sum);
        allPresent = false;
        continue;
      }
      String v = raw.strip();
      if (v.isEmpty()) {
        allPresent = false;
        padded = true;
        blank++;
        continue;
      }
      padded |= v.length() != raw.length();
      present.add(v);
      if (allPresent) distinct.add(raw);
    }
    Typed typed = present.isEmpty() ? Typed.TEXT : guess(column, present, delimiter);
    List<String> examples = examples(present, typed);
    List<String> notes = new ArrayList<>(typed.notes());
    if (present.isEmpty() && tokens.isEmpty() && !values.isEmpty()) {
      notes.add(
          "column '" + column + "': empty in all " + values.size() + " sampled rows — typed text");
    }
    List<Transform> transforms = List.of();
    if (padded && !(typed.type() instanceof ColumnType.Text)) {
      transforms = List.of(Transform.TRIM);
      notes.add("column '" + column + "': values have surrounding spaces — added a trim step");
      if (blank > 0) {
        // fixed-width exports pad a missing value with spaces: after trim it is empty, which a
        // typed column refuses
        java.util.Map<String, String> toNull = new java.util.HashMap<>();
        toNull.put("", null);
        transforms = List.of(Transform.TRIM, new Transform.ValueMap(toNull, null));
        notes.add(
            "column '"
                + column
                + "': "
                + blank
                + (blank == 1 ? " value is" : " values are")
                + " only spaces — loaded as NULL (trim, then map \"\" to null)");
      }
    }
    boolean presentAndDistinct =
        allPresent && values.size() > 1 && distinct.size() == values.size();
    return new ColumnProfile(
        column,
        typed,
        transforms,
        tokens,
        notes,
        values.size(),
        presentAndDistinct,
        present.isEmpty() && tokens.isEmpty(),
        examples);
  }

  /**
   * Up to {@link #EXAMPLES} distinct values, those the notes quote first (a value a note names is
   * the one that decided or left a choice open), then in sample order.
   */
  private static List<String> examples(List<String> present, Typed typed) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String v :
        typed.notes().isEmpty()
            ? List.<String>of()
            : present.subList(0, Math.min(present.size(), 2_000))) {
      if (out.size() == EXAMPLES) break;
      for (String n : typed.notes()) {
        if (n.contains(v) && v.length() > 1) out.add(v);
      }
    }
    for (String v : present) {
      if (out.size() >= EXAMPLES) break;
      out.add(v);
    }
    return List.copyOf(out);
  }

  /** The type of non-empty, stripped values: the first shape that fits every value. */
  static Typed guess(String column, List<String> values, char delimiter) {
    Typed t = booleans(column, values);
    if (t == null) t = NumberShapes.guess(column, values, delimiter);
    if (t == null && values.stream().allMatch(v -> UUID.matcher(v).matches()))
      t = Typed.of(ColumnType.UUID);
    if (t == null) t = DateShapes.guess(column, values);
    if (t == null && values.stream().allMatch(ColumnProfile::isJsonContainer))
      t = Typed.of(ColumnType.JSONB);
    return t == null ? Typed.TEXT : t;
  }

  private static Typed booleans(String column, List<String> values) {
    Set<String> families = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (String v : values) {
      String lower = v.toLowerCase(Locale.ROOT);
      String family = BOOLEAN_FAMILIES.get(lower);
      if (family == null) return null;
      families.add(family);
      tokens.add(lower);
    }
    // one spelling alone (only "Y", only "yes") is as likely a code or a grade as a flag;
    // true/false is the exception: nothing else is spelled that way
    if (tokens.size() < 2 && !tokens.contains("true") && !tokens.contains("false")) return null;
    if (families.size() > 1) {
      return Typed.of(
          ColumnType.BOOLEAN,
          null,
          "column '"
              + column
              + "': mixes boolean spellings "
              + String.join(", ", new java.util.TreeSet<>(families))
              + " — typed boolean without a format");
    }
    String family = families.iterator().next();
    return Typed.of(ColumnType.BOOLEAN, family.equals("true|false") ? null : family, null);
  }

  private static boolean isJsonContainer(String v) {
    char c = v.charAt(0);
    if (c != '{' && c != '[') return false;
    try {
      JsonNode n = Json.MAPPER.readTree(v);
      return n.isContainer();
    } catch (JacksonException e) {
      return false;
    }
  }
}
