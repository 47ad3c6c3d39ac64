package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.query.ConfiguredModel;
import io.datamapper.query.Models;
import io.datamapper.query.QueryConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code datamapper console}: questions and SQL, one after another, read-only, with history and
 * Ctrl-C to cancel.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "An interactive session: type questions (a language model writes the SQL) or SQL (\\sql, or always without a model); "
          + "everything runs read-only. \\d lists tables, \\d TABLE describes one, \\csv FILE saves the last result, \\q quits; "
          + "Ctrl-C cancels a running question and keeps the session."
    })
public final class ConsoleCommand implements Callable<Integer> {
  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "History file (default: ~/.datamapper/console_history)")
  Path history;

  @Mixin QueryOptions options;

  @Mixin DbOptions db;

  @Override
  public Integer call() throws IOException {
    ConfiguredModel model = Models.fromEnvironment(System::getenv).orElse(null);
    Path historyFile =
        history != null
            ? history
            : Path.of(System.getProperty("user.home"), ".datamapper", "console_history");
    try {
      Files.createDirectories(historyFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new DataMapperException(
          "Cannot create the folder of the history file " + historyFile + ": " + e.getMessage(), e);
    }
    try (Database database = db.open();
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      QueryConsole console =
          QueryConsole.builder()
              .dataSource(database.dataSource())
              .model(model)
              .settings(options.settings())
              .client("console")
              .build();
      return new ConsoleSession(console, terminal, historyFile, options.maxRows).run();
    }
  }
}
