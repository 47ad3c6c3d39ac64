package io.datamapper.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.datamapper.DataMapperException;
import io.datamapper.query.Cancellation;
import io.datamapper.query.QueryCancelledException;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QueryFailedException;
import io.datamapper.query.QueryRefusedException;
import io.datamapper.query.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;

/**
 * The interactive loop of {@code datamapper console}: reads questions (or SQL after {@code \sql},
 * or always when no model is configured), answers each on a worker thread so Ctrl-C can cancel it
 * (the statement is cancelled in PostgreSQL, the session goes on), and runs the backslash commands.
 * Not thread-safe.
 */
final class ConsoleSession {
  static final String HELP =
      """
      Type a question and press Enter (end a line with \\ to go on on the next one).
      SQL ends with ; or an empty line. Everything runs read-only: parse, privilege and transaction layers.
        \\d          list the tables you can ask about (and the import ledger)
        \\d TABLE    columns, keys and the files a table was imported from
        \\sql        the next input is SQL, not a question
        \\csv FILE   save the last result as CSV
        \\q          quit (or Ctrl-D); Ctrl-C cancels a running question
      """;
  private final QueryConsole console;
  private final LineReader reader;
  private final InputParser parser;
  private final Terminal terminal;
  private final PrintWriter out;
  private final int maxRows;
  private static final long CANCEL_WAIT_MS = 3_000;

  /**
   * A thread per question, so a model call abandoned by Ctrl-C never holds up the next question.
   */
  private final ExecutorService worker =
      Executors.newCachedThreadPool(
          r -> Thread.ofPlatform().name("datamapper-console").daemon().unstarted(r));

  private QueryResult last;
  private boolean nextIsSql;

  ConsoleSession(QueryConsole console, Terminal terminal, Path historyFile, int maxRows) {
    this.console = console;
    this.terminal = terminal;
    this.parser = new InputParser();
    LineReaderBuilder b =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("datamapper")
            .parser(parser)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.HISTORY_REDUCE_BLANKS, false)
            .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ");
    if (historyFile != null) b.variable(LineReader.HISTORY_FILE, historyFile);
    this.reader = b.build();
    this.out = terminal.writer();
    this.maxRows = maxRows;
  }

  /** Runs until {@code \q} or end of input; returns the exit code. */
  int run() {
    out.println(
        "Data Mapper query console. "
            + console
                .model()
                .map(m -> "Questions are answered by " + m.describe() + ".")
                .orElse(
                    "No language model is configured, so input is SQL. To ask questions, set ANTHROPIC_API_KEY, or OPENAI_BASE_URL/OPENAI_API_KEY, or OLLAMA_BASE_URL."));
    out.println("Type \\? for help, \\q to quit.");
    out.flush();
    try {
      while (true) {
        boolean sql = nextIsSql || console.model().isEmpty();
        parser.sqlMode(sql);
        String input;
        try {
          input = reader.readLine(sql ? "sql> " : "ask> ");
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt clears the line
        } catch (EndOfFileException e) {
          break;
        }
        String text = InputParser.clean(input, sql);
        if (text.isEmpty()) continue;
        if (text.startsWith("\\")) {
          if (!command(text)) break;
          continue;
        }
        nextIsSql = false;
        answer(text, sql);
      }
    } finally {
      worker.shutdownNow();
      try {
        reader.getHistory().save();
      } catch (IOException ignored) {
        // a history that cannot be saved loses only the recall of this session
      }
    }
    return 0;
  }

  private void answer(String text, boolean sql) {
    Cancellation cancel = new Cancellation();
    CompletableFuture<QueryResult> task =
        CompletableFuture.supplyAsync(
            () -> sql ? console.run(text, maxRows, cancel) : console.ask(text, maxRows, cancel),
            worker);
    CompletableFuture<Void> ctrlC = new CompletableFuture<>();
    Terminal.SignalHandler previous =
        terminal.handle(
            Signal.INT,
            signal -> {
              cancel.cancel(); // PostgreSQL cancels the statement; a question waiting for the model
              // runs no SQL
              ctrlC.complete(null);
            });
    try {
      CompletableFuture.anyOf(task, ctrlC).join();
      // after Ctrl-C a cancelled statement ends at once; a model call may take longer: stop waiting
      // for it
      QueryResult r = task.isDone() ? task.join() : task.get(CANCEL_WAIT_MS, TimeUnit.MILLISECONDS);
      last = r;
      ResultPrinter.text(out, r, !sql);
    } catch (TimeoutException e) {
      out.println("Cancelled.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("Cancelled.");
    } catch (CompletionException | ExecutionException e) {
      problem(sql ? null : text, e.getCause());
    } finally {
      terminal.handle(Signal.INT, previous);
      out.flush();
    }
  }

  private void problem(String question, Throwable cause) {
    switch (cause) {
      case QueryCancelledException c -> out.println("Cancelled.");
      case QueryRefusedException r -> ResultPrinter.problem(out, out, question, r, false);
      case QueryFailedException f -> ResultPrinter.problem(out, out, question, f, false);
      case DataMapperException d -> out.println("Error: " + d.getMessage());
      default -> {
        out.println("Internal error (please report it): " + cause);
        cause.printStackTrace(out);
      }
    }
  }

  /** Runs a backslash command; false to quit. */
  private boolean command(String text) {
    String[] parts = text.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    try {
      switch (parts[0]) {
        case "\\q", "\\quit" -> {
          return false;
        }
        case "\\?", "\\h", "\\help" -> out.print(HELP);
        case "\\sql" -> {
          nextIsSql = true;
          out.println("The next input is SQL; end it with ; or an empty line.");
        }
        case "\\d" -> {
          if (arg.isEmpty()) TableDescriptions.list(out, console.tables());
          else
            TableDescriptions.describe(
                out,
                console
                    .table(arg)
                    .orElseThrow(
                        () ->
                            new DataMapperException("There is no table '" + arg + "' (see \\d)")));
        }
        case "\\csv" -> saveCsv(arg);
        default -> out.println("Unknown command " + parts[0] + " (\\? lists the commands)");
      }
    } catch (DataMapperException e) {
      out.println("Error: " + e.getMessage());
    }
    out.flush();
    return true;
  }

  private void saveCsv(String file) {
    if (file.isEmpty()) throw new DataMapperException("\\csv needs a file name: \\csv result.csv");
    if (last == null) throw new DataMapperException("There is no result to save yet");
    Path path = Path.of(file).toAbsolutePath();
    try (CsvWriter csv = CsvWriter.builder().build(path)) {
      csv.writeRecord(last.columns());
      for (var row : ResultPrinter.cells(last)) csv.writeRecord(row);
    } catch (IOException e) {
      throw new DataMapperException("Cannot write " + path + ": " + e.getMessage(), e);
    }
    out.printf("Saved %,d rows to %s%n", last.rowCount(), path);
  }
}
