package io.datamapper.server.api;

import io.datamapper.server.security.Open;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the mapping's JSON Schema (the engine's resource) for editors and clients. */
@RestController
class MappingSchemaController {
  private static final String RESOURCE = "/io/datamapper/mapping/mapping.schema.json";

  @Operation(summary = "JSON Schema of the mapping document")
  @GetMapping(path = "/mapping.schema.json", produces = "application/schema+json")
  @Open
  ResponseEntity<byte[]> schema() throws IOException {
    try (InputStream in = MappingSchemaController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType("application/schema+json"))
          .body(in.readAllBytes());
    }
  }
}
