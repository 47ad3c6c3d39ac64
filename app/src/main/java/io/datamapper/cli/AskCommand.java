package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.query.ConfiguredModel;
import io.datamapper.query.ModelException;
import io.datamapper.query.Models;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QueryFailedException;
import io.datamapper.query.QueryRefusedException;
import io.datamapper.query.QueryResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datamapper ask "QUESTION"} and {@code datamapper ask --sql "SELECT …"}: one answer,
 * read-only.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a question about your data: a language model writes the SQL from the tables, columns and import ledger, "
          + "and it runs read-only (parse, privilege and transaction layers). With --sql, runs your SQL through the same guard, no model needed.",
      "Model: ANTHROPIC_API_KEY, or OPENAI_BASE_URL / OPENAI_API_KEY, or OLLAMA_BASE_URL; DATAMAPPER_LLM picks one, DATAMAPPER_LLM_MODEL names the model."
    })
public final class AskCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "QUESTION",
      description = "the question, e.g. \"which five countries ordered the most in 2024?\"")
  String question;

  @Option(
      names = "--sql",
      paramLabel = "SQL",
      description =
          "run this SQL (SELECT, WITH, VALUES, TABLE or EXPLAIN) instead of asking a model")
  String sql;

  @Option(
      names = "--json",
      description =
          "Print {question, sql, columns, types, rows, rowCount, truncated, durationMs, model, attempts}")
  boolean json;

  @Mixin QueryOptions options;

  @Mixin DbOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if ((question == null) == (sql == null)) {
      throw new DataMapperException(
          "Give a QUESTION or --sql \"SELECT ...\" (one of them): datamapper ask \"how many orders per country?\"");
    }
    // plain SQL never needs (or reads) the model settings
    ConfiguredModel model =
        question == null
            ? null
            : Models.fromEnvironment(System::getenv).orElseThrow(ModelException::missing);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Database database = db.open()) {
      QueryConsole console =
          QueryConsole.builder()
              .dataSource(database.dataSource())
              .model(model)
              .settings(options.settings())
              .client("cli")
              .build();
      QueryResult r;
      try {
        r = question != null ? console.ask(question) : console.run(sql);
      } catch (QueryRefusedException | QueryFailedException e) {
        ResultPrinter.problem(out, err, question, e, json);
        return 1;
      }
      if (json) {
        out.println(ResultPrinter.json(r));
        out.flush();
      } else {
        ResultPrinter.text(out, r);
      }
      return 0;
    }
  }
}
