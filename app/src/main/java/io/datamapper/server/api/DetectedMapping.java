package io.datamapper.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.datamapper.detect.Detection;
import io.datamapper.mapping.MappingWriter;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer to {@code POST /detect-mapping}: the proposed mapping as JSON and YAML, and a note on
 * every choice and ambiguity.
 *
 * @param mapping the mapping as a JSON object (see {@code /mapping.schema.json})
 * @param notes why each choice was made, per column where it concerns one
 * @param yaml the same mapping as YAML, with the notes as comments
 */
record DetectedMapping(JsonNode mapping, List<DetectionNote> notes, String yaml) {

  /**
   * A note on a detection choice.
   *
   * @param column the column it concerns, or absent for the whole file
   * @param message what was chosen and why
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DetectionNote(String column, String message) {}

  static DetectedMapping of(Detection d) {
    return new DetectedMapping(
        MappingWriter.toTree(d.mapping()),
        d.notes().stream().map(n -> new DetectionNote(n.column(), n.message())).toList(),
        MappingWriter.toYaml(d.mapping()));
  }
}
