package io.datamapper.cli;

import io.datamapper.Blame;
import io.datamapper.DataMapperException;
import io.datamapper.EnvironmentException;
import io.datamapper.db.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code datamapper} command and its subcommands. */
@Command(
    name = "datamapper",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Loads CSV/TSV, Excel (xlsx, xls), JSON (arrays, JSON Lines, nested) and XML files into PostgreSQL through a declarative mapping.")
public final class DataMapperCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The subcommands by name; created lazily because picocli's reflection over each costs start-up
   * time.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("import", ImportCommand::new);
    m.put("detect", DetectCommand::new);
    m.put("imports", ImportsCommand::new);
    m.put("rejects", RejectsCommand::new);
    m.put("undo", UndoCommand::new);
    m.put("tables", TablesCommand::new);
    m.put("ask", AskCommand::new);
    m.put("console", ConsoleCommand::new);
    m.put("serve", ServeCommand::new);
    m.put("keys", KeysCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return m;
  }

  /** The command line with every subcommand (for help and tests). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * Exit code when the input, the mapping or a setting is refused: the user has to change
   * something.
   */
  public static final int USER_ERROR = Blame.INPUT.exitCode();

  /** Exit code for a bug in Data Mapper (with a stack trace). */
  public static final int BUG = Blame.BUG.exitCode();

  /**
   * Exit code when the environment failed (PostgreSQL unreachable): the same command may succeed
   * later.
   */
  public static final int ENVIRONMENT = Blame.ENVIRONMENT.exitCode();

  /**
   * A configured command line for {@code args}: when they start with a subcommand's name (the usual
   * case), only that subcommand is built. User errors print one clear message and exit 1; an
   * unreachable database exits 3; bugs print a stack trace and exit 2.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new DataMapperCommand());
    String first = args.length > 0 ? args[0] : null;
    if (first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
      cl.addSubcommand(first, SUBCOMMANDS.get(first).get());
    } else {
      SUBCOMMANDS.forEach((name, create) -> cl.addSubcommand(name, create.get()));
    }
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (environmentFailure(ex)) {
            String message =
                ex instanceof DataMapperException
                    ? ex.getMessage()
                    : "PostgreSQL is unreachable: "
                        + DatabaseUnavailableException.connectionFailure(ex).getMessage();
            err.println(commandLine.getColorScheme().errorText("Error: ") + message);
            err.flush();
            return ENVIRONMENT;
          }
          if (ex instanceof DataMapperException d && d.blame() == Blame.INPUT) {
            err.println(commandLine.getColorScheme().errorText("Error: ") + ex.getMessage());
            err.flush();
            return USER_ERROR;
          }
          err.println("Internal error (please report it): " + ex);
          ex.printStackTrace(err);
          err.flush();
          return BUG;
        });
    return cl;
  }

  /** Whether {@code e} is the environment's fault: PostgreSQL unreachable, however it surfaced. */
  static boolean environmentFailure(Throwable e) {
    return e instanceof EnvironmentException || DatabaseUnavailableException.isConnectionFailure(e);
  }
}
