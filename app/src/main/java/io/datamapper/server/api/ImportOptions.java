package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.db.InternalSchemas;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TableName;
import java.util.List;
import java.util.function.Supplier;

/**
 * The mapping of a {@code /map-data} request: given (JSON or YAML) or detected, then the request's
 * overrides. A target in an internal schema is refused here already (422), before a task is queued;
 * the engine refuses it again whoever calls it.
 */
final class ImportOptions {
  private ImportOptions() {}

  static Mapping mapping(String text, String table, String onError, Supplier<Mapping> detected) {
    Mapping mapping =
        text == null || text.isBlank() ? detected.get() : MappingReader.parse(text, "mapping");
    if (table != null && !table.isBlank()) {
      try {
        mapping = mapping.withTable(table);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("table: " + e.getMessage());
      }
    }
    if (onError != null && !onError.isBlank()) {
      Policies p = mapping.policies();
      Policies.BadRows mode =
          switch (onError.toLowerCase()) {
            case "abort" -> Policies.BadRows.ABORT;
            case "skip" -> Policies.BadRows.SKIP;
            default ->
                throw new DataMapperException(
                    "onError must be abort or skip, not '" + onError + "'");
          };
      mapping = mapping.withPolicies(p.withBadRows(mode, p.badRowsMax()));
    }
    refuseInternal(mapping.target().schema());
    return mapping;
  }

  /**
   * For a request whose mapping is read later (a background {@code /map-b2-data}): refuses an
   * internal schema named by {@code table} or by the mapping's target now.
   */
  static void refuseInternalTarget(String text, String table) {
    if (table != null && !table.isBlank()) {
      String schema;
      try {
        schema = TableName.parse(table).schema();
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("table: " + e.getMessage());
      }
      if (schema != null) refuseInternal(schema);
      if (schema != null || text == null || text.isBlank()) return;
    }
    if (text != null && !text.isBlank())
      refuseInternal(MappingReader.parse(text, "mapping").target().schema());
  }

  private static void refuseInternal(String schema) {
    String problem = InternalSchemas.problem(schema);
    if (problem != null) throw new MappingException(List.of("target.schema: " + problem));
  }
}
