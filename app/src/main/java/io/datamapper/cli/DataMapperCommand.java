package io.datamapper.cli;

import io.datamapper.DataMapperException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code datamapper} command and its subcommands. */
@Command(name = "datamapper", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Loads CSV/TSV, Excel (xlsx, xls), JSON (arrays, JSON Lines, nested) and XML files into PostgreSQL through a declarative mapping.",
    subcommands = {ImportCommand.class, DetectCommand.class, ImportsCommand.class, RejectsCommand.class,
        TablesCommand.class, CommandLine.HelpCommand.class})
public final class DataMapperCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line: user errors print one clear message and exit 1, bugs print a stack trace and exit 2. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DataMapperCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (ex instanceof DataMapperException) {
        err.println(commandLine.getColorScheme().errorText("Error: ") + ex.getMessage());
        err.flush();
        return 1;
      }
      err.println("Internal error (please report it): " + ex);
      ex.printStackTrace(err);
      err.flush();
      return 2;
    });
    return cl;
  }
}
