package io.datamapper.load;

import io.datamapper.db.TableLock;
import io.datamapper.mapping.ChildSpec;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One child table of a mapping, checked before any row moves: the key columns it inherits (the
 * parent's keys, then the positions of the levels in between), its own columns bound to the fields
 * of an array element ({@link #fields}: the own columns' sources), and its staging table (used
 * unless the rows go straight into a table this import created). A staged child row is {@code
 * [inherited keys…, _position, own columns…, root record]}: the root record number decides, after
 * the parent's merge, whether it is loaded.
 */
record ChildPlan(
    ChildSpec spec,
    TargetSpec target,
    List<Inherited> keys,
    LoadPlan plan,
    List<String> fields,
    List<ChildPlan> children,
    String staging) {

  /** A key column the child table gets from its parent: name, type, index in the parent's row. */
  record Inherited(String name, ColumnType type, int parentIndex) {}

  static final String RECORD = Staging.RECORD;

  String qualified() {
    return Identifiers.qualified(target.schema(), target.table());
  }

  /** Width of the staged row. */
  int width() {
    return keys.size() + 1 + plan.columns().size() + 1;
  }

  /** Index of {@code _position} in the staged row. */
  int positionIndex() {
    return keys.size();
  }

  List<ColumnType> stagingTypes() {
    List<ColumnType> types = new ArrayList<>();
    for (Inherited k : keys) types.add(k.type());
    types.add(ColumnType.INTEGER);
    for (LoadPlan.Bound b : plan.columns()) types.add(b.type());
    types.add(ColumnType.BIGINT);
    return types;
  }

  /** The child table's column names in staged order, quoted, without the record number. */
  List<String> tableColumns() {
    List<String> names = new ArrayList<>();
    for (Inherited k : keys) names.add(Identifiers.quote(k.name()));
    names.add(Identifiers.quote(ChildSpec.POSITION));
    for (LoadPlan.Bound b : plan.columns()) names.add(Identifiers.quote(b.spec().name()));
    return names;
  }

  /** The columns a new child table is created with (keys and position NOT NULL). */
  List<ColumnSpec> createColumns() {
    List<ColumnSpec> cols = new ArrayList<>();
    for (Inherited k : keys)
      cols.add(new ColumnSpec(null, k.name(), k.type(), false, null, null, null));
    cols.add(new ColumnSpec(null, ChildSpec.POSITION, ColumnType.INTEGER, false, null, null, null));
    for (LoadPlan.Bound b : plan.columns())
      cols.add(
          new ColumnSpec(null, b.spec().name(), b.type(), b.spec().nullable(), null, null, null));
    return cols;
  }

  /** This plan and every plan below it, parents first. */
  List<ChildPlan> flatten() {
    List<ChildPlan> all = new ArrayList<>();
    all.add(this);
    for (ChildPlan c : children) all.addAll(c.flatten());
    return all;
  }

  /**
   * Plans the children of {@code mapping} against their tables (every problem at once, as a {@link
   * MappingException}). {@code parent} is the root's plan: its key columns' types are inherited.
   */
  static List<ChildPlan> create(Connection c, Mapping mapping, LoadPlan parent)
      throws SQLException {
    if (mapping.children().isEmpty()) return List.of();
    List<String> problems = new ArrayList<>(mapping.keyProblems());
    if (!problems.isEmpty()) throw new MappingException(problems);
    List<Inherited> keys = new ArrayList<>();
    for (String k : mapping.keys()) {
      for (int i = 0; i < parent.columns().size(); i++) {
        LoadPlan.Bound b = parent.columns().get(i);
        if (b.spec().name().equals(k)) keys.add(new Inherited(k, b.type(), i));
      }
    }
    int[] counter = {0};
    List<ChildPlan> out = plan(c, mapping, mapping.children(), keys, "children", counter, problems);
    if (!parent.withLineage())
      problems.add(
          "children: "
              + mapping.target().qualifiedName()
              + " has no "
              + Identifiers.IMPORT_ID
              + " column, which tells the child rows of this import's parents apart");
    if (!problems.isEmpty()) throw new MappingException(problems);
    return out;
  }

  private static List<ChildPlan> plan(
      Connection c,
      Mapping root,
      List<ChildSpec> specs,
      List<Inherited> keys,
      String where,
      int[] counter,
      List<String> problems)
      throws SQLException {
    List<ChildPlan> out = new ArrayList<>();
    for (ChildSpec spec : specs) {
      String label = where + " '" + spec.path() + "'";
      TargetSpec target =
          new TargetSpec(
              root.target().schema(), spec.table(), root.target().create(), LoadMode.APPEND);
      TargetTable.refuseUnusable(c, target);
      Optional<Map<String, TargetTable.Column>> existing =
          TargetTable.describe(c, target.schema(), target.table());
      if (existing.isEmpty()) {
        // two first imports would race on CREATE TABLE, as for the parent: take turns, look again
        TableLock.lock(c, target.schema(), target.table());
        existing = TargetTable.describe(c, target.schema(), target.table());
      }
      Map<String, TargetTable.Column> own = null;
      if (existing.isPresent()) {
        own = new LinkedHashMap<>(existing.get());
        for (Inherited k : keys) {
          if (own.remove(k.name()) == null)
            problems.add(
                label + ": " + target.qualifiedName() + " has no column '" + k.name() + "'");
        }
        if (own.remove(ChildSpec.POSITION) == null)
          problems.add(label + ": " + target.qualifiedName() + " has no column '_position'");
        if (!own.containsKey(Identifiers.IMPORT_ID))
          problems.add(
              label
                  + ": "
                  + target.qualifiedName()
                  + " has no "
                  + Identifiers.IMPORT_ID
                  + " column");
      }
      List<String> fields = new ArrayList<>();
      for (ColumnSpec col : spec.columns())
        if (col.source() != null && !fields.contains(col.source())) fields.add(col.source());
      Mapping childMapping = new Mapping(root.source(), target, spec.columns(), List.of(), null);
      LoadPlan plan;
      try {
        plan = LoadPlan.create(childMapping, fields, fields, own);
      } catch (MappingException e) {
        for (String p : e.problems()) problems.add(label + ": " + p);
        continue;
      }
      List<Inherited> next = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++)
        next.add(new Inherited(keys.get(i).name(), keys.get(i).type(), i));
      next.add(new Inherited(spec.positionColumn(), ColumnType.INTEGER, keys.size()));
      List<ChildPlan> nested =
          plan(c, root, spec.children(), next, label + ".children", counter, problems);
      out.add(
          new ChildPlan(
              spec,
              target,
              List.copyOf(keys),
              plan,
              List.copyOf(fields),
              nested,
              "pg_temp.datamapper_child_" + (++counter[0])));
    }
    return out;
  }
}
