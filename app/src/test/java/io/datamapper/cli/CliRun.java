package io.datamapper.cli;

import io.datamapper.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the CLI in-process as a user would, with {@code --db} pointing at the shared test database
 * (or another).
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return withDb(TestDatabase.jdbcUrl(), args);
  }

  /** Runs the CLI with {@code --db url} (a database of the test's own). */
  static CliRun withDb(String url, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DataMapperCommand.commandLine(args);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db";
    all[args.length + 1] = url;
    int code = cl.execute(all);
    return new CliRun(code, out.toString(), err.toString());
  }
}
