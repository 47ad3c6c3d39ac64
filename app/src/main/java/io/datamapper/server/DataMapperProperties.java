package io.datamapper.server;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server settings ({@code datamapper.*}; as environment variables {@code DATAMAPPER_*}).
 *
 * @param dbUrl PostgreSQL JDBC or libpq URL; blank for the embedded server in {@code dataDir}
 * @param stagingDir where async uploads wait for a node to import them; every node of a cluster
 *     must see it
 * @param node this node's name in task records and db-scheduler (default host name and pid)
 * @param apiKeys {@code role:sha256-hex} entries (see {@code datamapper keys new})
 * @param noAuth run without API keys; refused unless the server binds a loopback address
 * @param corsOrigins origins allowed to call the API from a browser (none by default)
 * @param jobThreads background imports one node runs at once (at most {@code
 *     datamapper.max-concurrent-imports})
 * @param heartbeat how often a node heartbeats its running tasks; a task is revived elsewhere after
 *     4 missed
 * @param poolSize PostgreSQL connections of this node (an import holds two: its data and its ledger
 *     lock)
 * @param uploadStore {@code s3://bucket/prefix/} (or {@code b2://}) to stage async uploads in a
 *     bucket instead of {@code stagingDir}
 * @param allowedHosts host names, addresses or CIDR ranges on private networks that URL imports may
 *     reach (none: public addresses only)
 * @param allowedBuckets {@code bucket} or {@code bucket/prefix} entries that imports from object
 *     stores may read (none: any bucket)
 * @param dbConnectionTimeout how long a request waits for a PostgreSQL connection before it is
 *     answered 503
 */
@ConfigurationProperties("datamapper")
public record DataMapperProperties(
    String dbUrl,
    Path dataDir,
    Path stagingDir,
    String node,
    List<String> apiKeys,
    @DefaultValue("false") boolean noAuth,
    List<String> corsOrigins,
    @DefaultValue("2") int jobThreads,
    @DefaultValue("1s") Duration heartbeat,
    @DefaultValue("48") int poolSize,
    String uploadStore,
    List<String> allowedHosts,
    List<String> allowedBuckets,
    @DefaultValue("15s") Duration dbConnectionTimeout) {

  public DataMapperProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowedBuckets = allowedBuckets == null ? List.of() : List.copyOf(allowedBuckets);
    if (dataDir == null)
      dataDir = Path.of(System.getProperty("user.home"), ".datamapper", "pgdata");
    if (stagingDir == null)
      stagingDir = Path.of(System.getProperty("user.home"), ".datamapper", "staging");
  }

  public String nodeName() {
    return node != null && !node.isBlank() ? node : ManagementFactory.getRuntimeMXBean().getName();
  }
}
