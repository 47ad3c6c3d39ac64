package io.datamapper.mapping;

import java.util.List;
import java.util.Objects;

/**
 * A declarative mapping from a source file to a PostgreSQL table: source options, target, columns,
 * business key and policies, and (mapping v2) an optional row {@code filter}: a CEL expression;
 * rows for which it is false are counted and skipped, never rejected. Read with {@link
 * MappingReader}, written with {@link MappingWriter}, checked against a file and table by the
 * loader before any row moves. Immutable and thread-safe.
 */
public record Mapping(
    SourceSpec source,
    TargetSpec target,
    List<ColumnSpec> columns,
    List<String> keys,
    Policies policies,
    String filter) {

  public Mapping {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    columns = List.copyOf(columns);
    keys = keys == null ? List.of() : List.copyOf(keys);
    policies = policies == null ? Policies.defaults() : policies;
  }

  /** A mapping without a row filter. */
  public Mapping(
      SourceSpec source,
      TargetSpec target,
      List<ColumnSpec> columns,
      List<String> keys,
      Policies policies) {
    this(source, target, columns, keys, policies, null);
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
    return new Mapping(source, t, columns, keys, policies, filter);
  }

  public Mapping withPolicies(Policies p) {
    return new Mapping(source, target, columns, keys, p, filter);
  }

  public Mapping withSource(SourceSpec s) {
    return new Mapping(s, target, columns, keys, policies, filter);
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
    return new Mapping(source, target, columns, k, policies, filter);
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

  /** Problems between keys, policies and mode (none: empty), by setting name. */
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
    return problems;
  }
}
