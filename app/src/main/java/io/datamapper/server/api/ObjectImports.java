package io.datamapper.server.api;

import io.datamapper.DataMapperException;
import io.datamapper.batch.BatchImport;
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
import io.datamapper.server.ImportMetrics;
import io.datamapper.storage.AllowedBuckets;
import io.datamapper.storage.ObjectUri;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.SourceNotAllowedException;
import io.datamapper.storage.Sources;
import io.datamapper.storage.StorageConfig;
import java.util.List;
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
  private final BatchImport batch;
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
    this.batch = new BatchImport(ledger);
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
   * Imports what {@code request.url()} names: an {@link ImportSummary} for one object, a {@link
   * PrefixImportResult} for a prefix.
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
    Optional<ImportRecord> before = batch.importedBefore(source, options(request));
    if (before.isPresent()) {
      metrics.outcome("failed");
      throw new AlreadyImportedException(source.name(), before.get());
    }
    return importChecked(source, request, progress, cancelled);
  }

  /** Imports an object {@link BatchImport#importedBefore} has already been asked about. */
  private ImportSummary importChecked(
      ImportSource source, Request request, ProgressListener progress, BooleanSupplier cancelled) {
    try {
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

  private PrefixImportResult importEach(
      List<ImportSource> sources,
      Request request,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    return PrefixImportResult.of(
        batch.run(
            sources,
            options(request),
            source -> importChecked(source, request, progress, cancelled),
            outcome -> {}));
  }

  private static BatchImport.Options options(Request request) {
    return new BatchImport.Options(request.table(), request.mapping() != null, request.force());
  }
}
