package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.Policies;
import java.util.function.Supplier;

/** The mapping of a {@code /map-data} request: given (JSON or YAML) or detected, then the request's overrides. */
final class ImportOptions {
  private ImportOptions() {}

  static Mapping mapping(String text, String table, String onError, Supplier<Mapping> detected) {
    Mapping mapping = text == null || text.isBlank() ? detected.get() : MappingReader.parse(text, "mapping");
    if (table != null && !table.isBlank()) {
      try {
        mapping = mapping.withTable(table);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("table: " + e.getMessage());
      }
    }
    if (onError != null && !onError.isBlank()) {
      Policies p = mapping.policies();
      Policies.BadRows mode = switch (onError.toLowerCase()) {
        case "abort" -> Policies.BadRows.ABORT;
        case "skip" -> Policies.BadRows.SKIP;
        default -> throw new DataMapperException("onError must be abort or skip, not '" + onError + "'");
      };
      mapping = mapping.withPolicies(p.withBadRows(mode, p.badRowsMax()));
    }
    return mapping;
  }
}
