package io.datamapper.mapping;

import java.util.List;
import java.util.Objects;

/**
 * A declarative mapping from a source file to a PostgreSQL table: source options, target,
 * columns, business key and policies. Read with {@link MappingReader}, written with
 * {@link MappingWriter}, checked against a file and table by the loader before any row
 * moves. Immutable and thread-safe.
 */
public record Mapping(SourceSpec source, TargetSpec target, List<ColumnSpec> columns,
    List<String> keys, Policies policies) {

  public Mapping {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    columns = List.copyOf(columns);
    keys = keys == null ? List.of() : List.copyOf(keys);
    policies = policies == null ? Policies.defaults() : policies;
  }

  public Mapping withTarget(TargetSpec t) {
    return new Mapping(source, t, columns, keys, policies);
  }

  public Mapping withPolicies(Policies p) {
    return new Mapping(source, target, columns, keys, p);
  }

  public Mapping withSource(SourceSpec s) {
    return new Mapping(s, target, columns, keys, policies);
  }
}
