package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.detect.Detection;
import io.datamapper.detect.Detector;
import io.datamapper.format.ReadLimits;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.server.ImportMetrics;
import io.datamapper.server.audit.AuditNotes;
import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.limits.ImportSlots;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /map-data} (import an upload) and {@code POST /detect-mapping} (propose a mapping).
 */
@RestController
class MapDataController {
  private final Importer importer;
  private final ImportJobs jobs;
  private final ImportMetrics metrics;
  private final ImportSlots slots;

  MapDataController(Importer importer, ImportJobs jobs, ImportMetrics metrics, ImportSlots slots) {
    this.importer = importer;
    this.jobs = jobs;
    this.metrics = metrics;
    this.slots = slots;
  }

  @Operation(
      summary = "Import an uploaded file through a mapping",
      description =
          "Without `mapping` one is detected. Synchronous by default (200 with the import summary); with "
              + "`async=true` the file is staged and a background task imports it (202, `Location: /tasks/{id}`).")
  @ApiResponse(
      responseCode = "200",
      description = "imported (or dry-run): the import summary",
      content = @Content(schema = @Schema(implementation = ImportSummary.class)))
  @ApiResponse(
      responseCode = "202",
      description = "async: the background task (Location: /tasks/{id})",
      content = @Content(schema = @Schema(implementation = TaskView.class)))
  @PostMapping(path = "/map-data", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Requires(Role.IMPORTER)
  ResponseEntity<?> mapData(
      @Parameter(
              description =
                  "the data file: CSV/TSV, xlsx/xls, JSON/NDJSON or XML, also .gz or .zip")
          @RequestPart("file")
          MultipartFile file,
      @Parameter(description = "the mapping as JSON (or YAML); detected from the file when absent")
          @RequestPart(name = "mapping", required = false)
          String mappingText,
      @Parameter(description = "target table (schema.table or table), overrides the mapping")
          @RequestParam(required = false)
          String table,
      @Parameter(description = "bad rows: abort (all or nothing) or skip")
          @RequestParam(name = "onError", required = false)
          String onError,
      @RequestParam(defaultValue = "false") boolean force,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
      @RequestParam(defaultValue = "false") boolean async)
      throws IOException {
    String name = fileName(file);
    Mapping mapping =
        ImportOptions.mapping(
            mappingText, table, onError, () -> detect(file, name, importer.limits()).mapping());
    AuditNotes.note("table", mapping.target().qualifiedName());
    if (async) {
      TaskView task = jobs.submit(file, name, mapping, force, dryRun);
      AuditNotes.note("taskId", task.id());
      return ResponseEntity.accepted().location(URI.create("/tasks/" + task.id())).body(task);
    }
    ImportSource source =
        new ImportSource(name, "upload:" + name, file.getSize(), file::getInputStream, null);
    try (ImportSlots.Slot slot = slots.acquire()) {
      ImportSummary summary =
          importer.run(
              new ImportRequest(source, mapping, dryRun, force, null)
                  // detected types were never chosen: a value past the sample widens them
                  .withWidening(mappingText == null || mappingText.isBlank()));
      AuditNotes.note("importId", summary.importId());
      if (!dryRun) metrics.succeeded(summary);
      return ResponseEntity.ok(summary);
    } catch (DataMapperException e) {
      AuditNotes.note("importId", e.importId());
      metrics.outcome("failed");
      throw e;
    }
  }

  @Operation(
      summary = "Propose a mapping for an uploaded file",
      description =
          "Samples the file (answers fast on any size) and returns a complete mapping with notes on every "
              + "choice and ambiguity (DD/MM vs MM/DD, decimal comma, leading zeros, null tokens).")
  @PostMapping(path = "/detect-mapping", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Requires(Role.READER)
  DetectedMapping detectMapping(@RequestPart("file") MultipartFile file) throws IOException {
    return DetectedMapping.of(detect(file, fileName(file), importer.limits()));
  }

  private static Detection detect(MultipartFile file, String name, ReadLimits limits) {
    try (InputStream in = file.getInputStream()) {
      return Detector.detect(in, name, null, limits);
    } catch (IOException e) {
      throw new DataMapperException("Cannot read the upload " + name + ": " + e.getMessage(), e);
    }
  }

  private static String fileName(MultipartFile file) {
    if (file.isEmpty())
      throw ApiException.badRequest(
          "The part 'file' is empty: send the data file as multipart part 'file'.");
    String original = file.getOriginalFilename();
    if (original == null || original.isBlank()) return "upload";
    // keep only the last path segment: a client may send a full path
    String n = original.replace('\\', '/');
    return n.substring(n.lastIndexOf('/') + 1);
  }
}
