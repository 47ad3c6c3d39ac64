package io.datamapper.cli;

import io.datamapper.server.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code datamapper serve}: the REST API. Spring Boot is loaded only here (through {@code
 * io.datamapper.server.Server}), so other commands start as fast as before.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the REST API (OpenAPI at /openapi.json, Swagger UI at /docs) and runs background imports.",
      "Several servers on one PostgreSQL form a cluster sharing one job queue.",
      "API keys: DATAMAPPER_API_KEYS=role:sha256,... (see `datamapper keys new`), or --no-auth on localhost."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port (default 8080; 0 picks a free one)")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to bind (default 127.0.0.1; 0.0.0.0 for all)")
  String host;

  @Option(
      names = "--no-auth",
      description = "Accept requests without API keys; only allowed on a loopback address")
  boolean noAuth;

  @Option(
      names = "--staging-dir",
      paramLabel = "DIR",
      description =
          "Where async uploads wait for a node; shared by every node of a cluster (default ~/.datamapper/staging)")
  Path stagingDir;

  @Option(
      names = "--upload-store",
      paramLabel = "URL",
      description =
          "Stage async uploads in an S3-compatible bucket (s3://bucket/prefix/ or b2://...) instead of --staging-dir; "
              + "endpoint and credentials as for imports")
  String uploadStore;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "This node's name in tasks (default host name and process id)")
  String node;

  @picocli.CommandLine.Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // command-line arguments are Spring's strongest property source: flags win over the environment
    List<String> args = new ArrayList<>();
    if (port != null) args.add("--server.port=" + port);
    if (host != null) args.add("--server.address=" + host);
    if (noAuth) args.add("--datamapper.no-auth=true");
    if (stagingDir != null) args.add("--datamapper.staging-dir=" + stagingDir.toAbsolutePath());
    if (uploadStore != null) args.add("--datamapper.upload-store=" + uploadStore);
    if (node != null) args.add("--datamapper.node=" + node);
    if (db.url != null) args.add("--datamapper.db-url=" + db.url);
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("datamapper.data-dir", db.embeddedDir().toString());
    try (var server = Server.start(defaults, args.toArray(String[]::new))) {
      spec.commandLine()
          .getOut()
          .printf(
              "Data Mapper serving on http://%s:%d (node %s); API docs at /docs%n",
              host == null ? "127.0.0.1" : host, server.port(), server.nodeName());
      spec.commandLine().getOut().flush();
      server.awaitStop();
    }
    return 0;
  }
}
