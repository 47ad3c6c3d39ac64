package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.EnvironmentException;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.ImportCancelledException;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.load.ProgressListener;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.TableName;
import io.datamapper.server.ImportMetrics;
import io.datamapper.storage.AllowedBuckets;
import io.datamapper.storage.ObjectUri;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.SourceNotAllowedException;
import io.datamapper.storage.Sources;
import io.datamapper.storage.StorageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports from {@code b2://} and {@code s3://} URLs for {@code POST /map-b2-data}, synchronously or
 * in a background task on any node: one object gives its {@link ImportSummary}, a prefix imports
 * every object as its own import and gives a list (objects already imported into their table are
 * skipped, a failed one does not stop the others). Credentials come from the server's {@link
 * StorageConfig}, never from a request. Thread-safe.
 */
@Component
public class ObjectImports {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Importer importer;
  private final Ledger ledger;
  private final StorageConfig storage;
  private final AllowedBuckets buckets;
  private final ImportMetrics metrics;

  /**
   * What was asked; kept as JSON with a background task. {@code mapping} is JSON or YAML text, or
   * null (detect).
   */
  public record Request(
      String url, String mapping, String table, String onError, boolean dryRun, boolean force) {
    public JsonNode toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("url", url);
      n.put("mapping", mapping);
      n.put("table", table);
      n.put("onError", onError);
      n.put("dryRun", dryRun);
      n.put("force", force);
      return n;
    }

    public static Request fromJson(JsonNode n) {
      return new Request(
          n.get("url").asString(),
          text(n, "mapping"),
          text(n, "table"),
          text(n, "onError"),
          n.path("dryRun").asBoolean(false),
          n.path("force").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
      JsonNode v = n.get(field);
      return v == null || v.isNull() ? null : v.asString();
    }
  }

  public ObjectImports(
      Importer importer,
      Ledger ledger,
      StorageConfig storage,
      AllowedBuckets buckets,
      ImportMetrics metrics) {
    this.importer = importer;
    this.buckets = buckets;
    this.ledger = ledger;
    this.storage = storage;
    this.metrics = metrics;
  }

  /**
   * Looks the object or prefix up (sizes and ETags, no data); close the result after use.
   *
   * @throws SourceNotAllowedException for a bucket outside {@code datamapper.allowed-buckets}, a
   *     URL whose host is not allowed, or anything but a b2://, s3:// or http(s):// URL (a path on
   *     the server is never read on a caller's behalf)
   * @throws io.datamapper.storage.ObjectStoreException for a missing bucket or object, an empty
   *     prefix, refused credentials or an unreachable store
   */
  public ResolvedSources resolve(String url) {
    if (ObjectUri.matches(url)) {
      buckets.check(ObjectUri.parse(url));
    } else if (!Sources.isRemote(url)) {
      throw new SourceNotAllowedException(
          null, "The server imports only b2://, s3:// and https:// URLs.");
    }
    return Sources.resolve(url, storage);
  }

  /**
   * Imports what {@code request.url()} names: an {@link ImportSummary} for one object, a {@code
   * Map} (status, objects, imported, skipped, failed, rowsInserted) for a prefix.
   *
   * @throws DataMapperException when the one object cannot be imported (a prefix reports each
   *     object's failure in the list instead); {@link ImportCancelledException} when cancelled
   */
  public Object run(Request request, ProgressListener progress, BooleanSupplier cancelled) {
    try (ResolvedSources resolved = resolve(request.url())) {
      if (!resolved.prefix())
        return importOne(resolved.sources().getFirst(), request, progress, cancelled);
      return importEach(resolved.sources(), request, progress, cancelled);
    }
  }

  private ImportSummary importOne(
      ImportSource source, Request request, ProgressListener progress, BooleanSupplier cancelled) {
    try {
      Optional<ImportRecord> before = importedBefore(source, request);
      if (before.isPresent()) throw new AlreadyImportedException(source.name(), before.get());
      Mapping mapping =
          ImportOptions.mapping(
              request.mapping(),
              request.table(),
              request.onError(),
              () -> Sources.detect(source, null, importer.limits()).mapping());
      ImportSummary summary =
          importer.run(
              new ImportRequest(
                      source, mapping, request.dryRun(), request.force(), progress, null, cancelled)
                  // detected types were never chosen: a value past the sample widens them
                  .withWidening(request.mapping() == null || request.mapping().isBlank()));
      if (!request.dryRun()) metrics.succeeded(summary);
      return summary;
    } catch (ImportCancelledException e) {
      metrics.outcome("cancelled");
      throw e;
    } catch (DataMapperException e) {
      metrics.outcome("failed");
      throw e;
    }
  }

  private Map<String, Object> importEach(
      List<ImportSource> sources,
      Request request,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    List<Map<String, Object>> objects = new ArrayList<>();
    int imported = 0;
    int skipped = 0;
    int failed = 0;
    long rows = 0;
    for (ImportSource source : sources) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("url", source.uri());
      try {
        ImportSummary s = importOne(source, request, progress, cancelled);
        imported++;
        rows += s.rowsInserted();
        line.put("status", "imported");
        line.put("summary", s);
      } catch (AlreadyImportedException e) {
        skipped++;
        line.put("status", "skipped");
        line.put("previousImportId", e.previousImportId());
        line.put("detail", e.getMessage());
      } catch (ImportCancelledException | EnvironmentException e) {
        throw e; // cancelled, or the database is gone and the objects after this one would fail the
        // same way
      } catch (DataMapperException e) {
        failed++;
        line.put("status", "failed");
        line.put("error", Problems.asMap(Problems.of(e)));
      }
      objects.add(line);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", failed == 0 ? "succeeded" : "failed");
    result.put("objects", objects);
    result.put("imported", imported);
    result.put("skipped", skipped);
    result.put("failed", failed);
    result.put("rowsInserted", rows);
    return result;
  }

  /**
   * Without a mapping each object's start is read to detect one; when the request names the table,
   * an object already imported there is recognised before that (with a mapping the importer checks
   * before downloading anyway).
   */
  private Optional<ImportRecord> importedBefore(ImportSource source, Request request) {
    if (request.mapping() != null
        || request.table() == null
        || request.force()
        || source.etag() == null
        || source.size() < 0) {
      return Optional.empty();
    }
    TableName name = TableName.parse(request.table());
    return ledger.findSucceededObject(
        source.uri(), source.etag(), source.size(), name.schemaOr("public"), name.table());
  }
}
