package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.server.security.ApiKeys;
import io.datamapper.server.security.Role;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code datamapper keys new --role R}: makes an API key and prints the hashed entry for the
 * server's configuration.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "Creates an API key for `datamapper serve`. The server keeps only its SHA-256:",
      "add the printed entry to DATAMAPPER_API_KEYS (comma-separated) or datamapper.api-keys."
    })
public final class KeysCommand implements Callable<Integer> {
  @picocli.CommandLine.Parameters(index = "0", paramLabel = "new", description = "the action: new")
  String action;

  @Option(
      names = "--role",
      paramLabel = "R",
      defaultValue = "reader",
      description = "reader, importer or admin (default reader)")
  String role;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!"new".equals(action))
      throw new DataMapperException(
          "keys: the only action is 'new' (datamapper keys new --role importer)");
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new DataMapperException("--role: " + e.getMessage());
    }
    String key = ApiKeys.newKey();
    PrintWriter out = spec.commandLine().getOut();
    out.println("API key (give it to the client; it is not stored anywhere): " + key);
    out.println(
        "Server entry (add to DATAMAPPER_API_KEYS, comma-separated): "
            + r.spelling()
            + ":"
            + ApiKeys.sha256(key));
    out.flush();
    return 0;
  }
}
