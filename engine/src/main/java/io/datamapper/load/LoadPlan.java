package io.datamapper.load;

import io.datamapper.coerce.CoercionException;
import io.datamapper.coerce.ValueParser;
import io.datamapper.expr.Programs;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mapping checked against the file's fields and the target table, before any row moves: each
 * column bound to its source field index and the type it is loaded as. Every problem is collected
 * and reported at once, by column name, expressions included (compiled here with the types the
 * columns are loaded as; {@code programs} is null for a mapping without expressions or filter).
 */
record LoadPlan(
    List<Bound> columns,
    boolean tableExists,
    boolean withLineage,
    List<String> notes,
    Programs programs) {

  /**
   * One target column ready to load: source index (-1: none), type, parser, parsed default, and
   * whether it is part of the key (then it may not be empty).
   */
  record Bound(
      ColumnSpec spec,
      int sourceIndex,
      String sourceField,
      ColumnType type,
      ValueParser parser,
      Object defaultValue,
      boolean key) {

    boolean required() {
      return key || !spec.nullable();
    }
  }

  static LoadPlan create(
      Mapping mapping, List<String> fields, Map<String, TargetTable.Column> existing) {
    return create(mapping, fields, fields, existing);
  }

  /**
   * {@code sampled} are the fields the reader saw in its first records (JSON, XML); a mapped field
   * outside them gets a note, since it will be NULL wherever it is absent.
   */
  static LoadPlan create(
      Mapping mapping,
      List<String> fields,
      List<String> sampled,
      Map<String, TargetTable.Column> existing) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Bound> bound = new ArrayList<>();
    String table = mapping.target().qualifiedName();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (ColumnSpec col : mapping.columns()) {
      String label = "column '" + col.name() + "'";
      int index = -1;
      if (col.source() != null) {
        // a header repeated in the file ("Name", "Name") is matched by occurrence, in order
        index = findField(fields, col.source(), seen.merge(col.source(), 1, Integer::sum) - 1);
        if (index < 0) {
          problems.add(
              label
                  + ": source field \""
                  + col.source()
                  + "\" is not in the file (its fields: "
                  + listFields(fields)
                  + ")");
          continue;
        }
        if (sampled != fields && findField(sampled, col.source(), 0) < 0) {
          notes.add(
              label
                  + ": field \""
                  + col.source()
                  + "\" does not appear in the first records of the file; it loads as NULL"
                  + " where absent (check the spelling; fields seen: "
                  + listFields(sampled)
                  + ")");
        }
      }
      ColumnType type = col.type();
      if (existing != null) {
        TargetTable.Column target = existing.get(col.name());
        if (target == null) {
          problems.add(
              label
                  + " does not exist in table "
                  + table
                  + " (it has: "
                  + String.join(", ", existing.keySet())
                  + ")");
          continue;
        }
        ColumnType actual = TargetTable.typeOf(target.type());
        if (actual == null) {
          problems.add(
              label
                  + " has type "
                  + target.type()
                  + " in "
                  + table
                  + ", which Data Mapper cannot load yet");
          continue;
        }
        if (!actual.equals(type)) {
          notes.add(
              label
                  + ": the mapping says "
                  + type.spelling()
                  + " but "
                  + table
                  + " has "
                  + target.type()
                  + "; loading as "
                  + actual.spelling());
          type = actual;
        }
      }
      ValueParser parser;
      try {
        parser = ValueParser.forColumn(type, col.format());
      } catch (IllegalArgumentException e) {
        problems.add(label + ": " + e.getMessage());
        continue;
      }
      Object def = null;
      if (col.defaultValue() != null) {
        try {
          def = parser.parse(col.defaultValue());
        } catch (CoercionException e) {
          problems.add(label + ": default '" + col.defaultValue() + "' " + e.getMessage());
        }
      }
      bound.add(
          new Bound(
              col, index, col.source(), type, parser, def, mapping.keys().contains(col.name())));
    }
    boolean lineage = existing == null || existing.containsKey(Identifiers.IMPORT_ID);
    if (existing != null) {
      for (TargetTable.Column c : existing.values()) {
        boolean mapped = mapping.columns().stream().anyMatch(m -> m.name().equals(c.name()));
        if (!mapped && c.notNull() && !c.hasDefault() && !c.name().equals(Identifiers.IMPORT_ID)) {
          problems.add(
              "column '"
                  + c.name()
                  + "' of "
                  + table
                  + " is NOT NULL without a default, but the mapping does not fill it");
        }
      }
    } else if (!mapping.target().create()) {
      problems.add("table " + table + " does not exist and target.create is false");
    }
    problems.addAll(mapping.keyProblems());
    Programs programs = null;
    if (problems.isEmpty()) {
      try {
        programs =
            Programs.compile(
                bound.stream().map(Bound::spec).toList(),
                bound.stream().map(Bound::type).toList(),
                mapping.filter());
      } catch (MappingException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new MappingException(problems);
    return new LoadPlan(
        List.copyOf(bound), existing != null, lineage, List.copyOf(notes), programs);
  }

  /**
   * The {@code occurrence}-th (0-based) field named exactly {@code source} (the first when there
   * are fewer); failing that, a unique match ignoring case and surrounding spaces.
   */
  static int findField(List<String> fields, String source, int occurrence) {
    List<Integer> exact = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).equals(source)) exact.add(i);
    }
    // two columns may also read one field: past the last occurrence, reuse the first
    if (!exact.isEmpty()) return exact.get(occurrence < exact.size() ? occurrence : 0);
    String wanted = source.strip().toLowerCase(Locale.ROOT);
    int found = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        if (found >= 0) return -1;
        found = i;
      }
    }
    return found;
  }

  private static String listFields(List<String> fields) {
    if (fields.isEmpty()) return "none — is the file empty?";
    List<String> quoted = fields.stream().limit(30).map(f -> "\"" + f + "\"").toList();
    return String.join(", ", quoted) + (fields.size() > 30 ? ", ..." : "");
  }

  List<ColumnType> types() {
    List<ColumnType> types = new ArrayList<>();
    for (Bound b : columns) types.add(b.type());
    if (withLineage) types.add(ColumnType.BIGINT);
    return types;
  }
}
