package io.datamapper.mapping;

import java.util.List;
import java.util.Objects;

/**
 * A declarative mapping from a source file to a PostgreSQL table: source options, target, columns,
 * business key and policies, and (mapping v2) an optional row {@code filter}: a CEL expression;
 * rows for which it is false are counted and skipped, never rejected; and {@code children}: arrays
 * of objects inside each record loaded into child tables ({@link ChildSpec}). Read with {@link
 * MappingReader}, written with {@link MappingWriter}, checked against a file and table by the
 * loader before any row moves. Immutable and thread-safe.
 */
public record Mapping(
    SourceSpec source,
    TargetSpec target,
    List<ColumnSpec> columns,
    List<String> keys,
    Policies policies,
    String filter,
    List<ChildSpec> children) {

  public Mapping {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    columns = List.copyOf(columns);
    keys = keys == null ? List.of() : List.copyOf(keys);
    policies = policies == null ? Policies.defaults() : policies;
    children = children == null ? List.of() : List.copyOf(children);
  }

  /** A mapping without child tables. */
  public Mapping(
      SourceSpec source,
      TargetSpec target,
      List<ColumnSpec> columns,
      List<String> keys,
      Policies policies,
      String filter) {
    this(source, target, columns, keys, policies, filter, List.of());
  }

  /** A mapping without a row filter. */
  public Mapping(
      SourceSpec source,
      TargetSpec target,
      List<ColumnSpec> columns,
      List<String> keys,
      Policies policies) {
    this(source, target, columns, keys, policies, null, List.of());
  }

  /**
   * The source fields expressions name literally as {@code src["Field"]}: the readers that extract
   * only requested fields (JSON, XML) must extract these too.
   */
  public List<String> sourceFieldsInExpressions() {
    List<String> fields = new java.util.ArrayList<>();
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile("src\\s*\\[\\s*(\"|')((?:\\\\.|(?!\\1).)*)\\1\\s*\\]");
    List<String> texts = new java.util.ArrayList<>();
    if (filter != null) texts.add(filter);
    for (ColumnSpec c : columns) if (c.expr() != null) texts.add(c.expr());
    for (String t : texts) {
      java.util.regex.Matcher m = p.matcher(t);
      while (m.find()) fields.add(m.group(2));
    }
    return fields;
  }

  /** The source fields lookups match on: the readers must extract these too. */
  public List<String> sourceFieldsInLookups() {
    List<String> fields = new java.util.ArrayList<>();
    for (ColumnSpec c : columns) if (c.lookedUp()) fields.addAll(c.lookup().match().values());
    return fields;
  }

  public Mapping withTarget(TargetSpec t) {
    return new Mapping(source, t, columns, keys, policies, filter, children);
  }

  public Mapping withPolicies(Policies p) {
    return new Mapping(source, target, columns, keys, p, filter, children);
  }

  public Mapping withSource(SourceSpec s) {
    return new Mapping(s, target, columns, keys, policies, filter, children);
  }

  /**
   * This mapping loading into {@code table} ({@code schema.table}, or a table in the mapping's
   * schema), as a {@code --table} option or request parameter says.
   *
   * @throws IllegalArgumentException naming what is wrong with an unusable name
   */
  public Mapping withTable(String table) {
    TableName parsed = TableName.parse(table);
    String schema = parsed.schemaOr(target.schema());
    String name = parsed.table();
    for (String part : List.of(schema, name)) {
      String problem = Identifiers.problem(part);
      if (problem != null) throw new IllegalArgumentException(problem);
    }
    return withTarget(new TargetSpec(schema, name, target.create(), target.mode()));
  }

  public Mapping withKeys(List<String> k) {
    return new Mapping(source, target, columns, k, policies, filter, children);
  }

  /** The duplicate-row rule in force: mode upsert means update, whatever the policy says. */
  public Policies.DuplicateRow duplicateRule() {
    return target.mode() == LoadMode.UPSERT
        ? Policies.DuplicateRow.UPDATE
        : policies.duplicateRow();
  }

  /** Whether rows go through a staging table so duplicates of the key are found in the database. */
  public boolean keyed() {
    return !keys.isEmpty();
  }

  /** Problems between keys, policies, mode and children (none: empty), by setting name. */
  public List<String> keyProblems() {
    List<String> problems = new java.util.ArrayList<>();
    for (String k : keys) {
      if (columns.stream().noneMatch(c -> c.name().equals(k)))
        problems.add("keys: '" + k + "' is not one of the mapping's columns");
    }
    if (keys.isEmpty() && target.mode() == LoadMode.UPSERT) {
      problems.add(
          "target.mode upsert needs keys: list the columns that identify a row under 'keys'");
    } else if (keys.isEmpty() && policies.duplicateRow() != Policies.DuplicateRow.KEEP) {
      problems.add(
          "policies.duplicateRow "
              + Policies.spell(policies.duplicateRow())
              + " needs keys: list the columns that identify a row under 'keys'");
    }
    problems.addAll(ChildrenReader.problems(this));
    return problems;
  }
}
