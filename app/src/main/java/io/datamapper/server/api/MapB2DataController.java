package io.datamapper.server.api;

import io.datamapper.load.ImportSummary;
import io.datamapper.server.audit.AuditNotes;
import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.limits.ImportSlots;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.storage.ResolvedSources;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /map-b2-data}: import an object, or every object under a prefix, from Backblaze B2 or
 * an S3-compatible store.
 */
@RestController
class MapB2DataController {
  private final ObjectImports imports;
  private final ImportJobs jobs;
  private final ImportSlots slots;

  MapB2DataController(ObjectImports imports, ImportJobs jobs, ImportSlots slots) {
    this.imports = imports;
    this.jobs = jobs;
    this.slots = slots;
  }

  @Schema(
      description =
          "What to import; the store's endpoint and credentials are the server's (B2_*, AWS_* settings)")
  record MapB2Request(
      @Schema(
              description = "bucket name",
              example = "exports",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String bucket,
      @Schema(
              description = "object key, or a prefix ending with / for every object under it",
              example = "2026/sales.csv",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String key,
      @Schema(
              description = "b2 (Backblaze B2, default) or s3 (the configured S3-compatible store)",
              example = "b2")
          String scheme,
      @Schema(description = "the mapping (a JSON object); detected from each object when absent")
          JsonNode mapping,
      @Schema(description = "target table (schema.table or table), overrides the mapping")
          String table,
      @Schema(description = "bad rows: abort (all or nothing) or skip") String onError,
      @Schema(description = "run everything, write nothing") Boolean dryRun,
      @Schema(description = "import even if already imported") Boolean force) {}

  @Operation(
      summary = "Import from Backblaze B2 or an S3-compatible bucket",
      description =
          "One object answers its import summary; a key ending with `/` imports every object under the prefix, each "
              + "as its own import, skipping objects already imported, and answers a list with each object's result. With "
              + "`async=true` a background task does it (202, `Location: /tasks/{id}`); the task refers to the object URL, so "
              + "any node runs it. A missing bucket or object is a 422 problem detail (type `no-such-object`, member `url`); "
              + "a store that refuses the server's credentials or cannot be reached is a 502 (type `object-store`).")
  @ApiResponse(
      responseCode = "200",
      description = "one object: its import summary; a prefix: each object's result and the totals",
      content = @Content(schema = @Schema(oneOf = {ImportSummary.class, PrefixImportResult.class})))
  @ApiResponse(
      responseCode = "202",
      description = "async: the background task (Location: /tasks/{id})",
      content = @Content(schema = @Schema(implementation = TaskView.class)))
  @PostMapping(path = "/map-b2-data", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Requires(Role.IMPORTER)
  ResponseEntity<?> mapB2Data(
      @RequestBody MapB2Request body, @RequestParam(defaultValue = "false") boolean async) {
    ObjectImports.Request request =
        new ObjectImports.Request(
            url(body),
            mappingText(body.mapping()),
            body.table(),
            body.onError(),
            Boolean.TRUE.equals(body.dryRun()),
            Boolean.TRUE.equals(body.force()));
    AuditNotes.note("url", request.url());
    // before the store is asked anything
    ImportOptions.refuseInternalTarget(request.mapping(), request.table());
    if (async) {
      long size;
      // look it up now so a wrong name is answered at once rather than in the task
      try (ResolvedSources resolved = imports.resolve(request.url())) {
        size = resolved.sources().stream().mapToLong(s -> Math.max(0, s.size())).sum();
      }
      TaskView task = jobs.submitObject(request, size);
      AuditNotes.note("taskId", task.id());
      return ResponseEntity.accepted().location(URI.create("/tasks/" + task.id())).body(task);
    }
    try (ImportSlots.Slot slot = slots.acquire()) {
      Object result = imports.run(request, null, null);
      if (result instanceof ImportSummary s) AuditNotes.note("importId", s.importId());
      return ResponseEntity.ok(result);
    }
  }

  private static String url(MapB2Request body) {
    if (body.bucket() == null || body.bucket().isBlank())
      throw ApiException.badRequest("bucket is required: the bucket's name, e.g. \"exports\".");
    if (body.bucket().contains("/"))
      throw ApiException.badRequest(
          "bucket '" + body.bucket() + "' contains '/': put the path in key.");
    // a name, nothing that could reshape the request (the endpoint is always the server's own)
    if (!body.bucket().strip().matches("[A-Za-z0-9._-]{1,255}")) {
      throw ApiException.badRequest(
          "bucket must be a bucket name (letters, digits, '.', '-', '_').");
    }
    if (body.key() == null) {
      throw ApiException.badRequest(
          "key is required: an object key (2026/sales.csv) or a prefix ending with / (2026/).");
    }
    String scheme =
        body.scheme() == null || body.scheme().isBlank()
            ? "b2"
            : body.scheme().trim().toLowerCase(Locale.ROOT);
    if (!scheme.equals("b2") && !scheme.equals("s3"))
      throw ApiException.badRequest("scheme must be b2 or s3, not '" + body.scheme() + "'.");
    String key = body.key().startsWith("/") ? body.key().substring(1) : body.key();
    return scheme + "://" + body.bucket().trim() + "/" + key;
  }

  private static String mappingText(JsonNode mapping) {
    if (mapping == null || mapping.isNull()) return null;
    if (mapping.isString()) return mapping.asString(); // a YAML or JSON document as a string
    if (!mapping.isObject())
      throw ApiException.badRequest("mapping must be a JSON object (see /mapping.schema.json).");
    return mapping.toString();
  }
}
