package io.datamapper.cli;

import io.datamapper.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process as a user would, with {@code --db} pointing at the shared test database. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DataMapperCommand.commandLine(args);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] withDb = new String[args.length + 2];
    System.arraycopy(args, 0, withDb, 0, args.length);
    withDb[args.length] = "--db";
    withDb[args.length + 1] = TestDatabase.jdbcUrl();
    int code = cl.execute(withDb);
    return new CliRun(code, out.toString(), err.toString());
  }
}
