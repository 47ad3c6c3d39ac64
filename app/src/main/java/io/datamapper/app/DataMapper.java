package io.datamapper.app;

import io.datamapper.cli.DataMapperCommand;
import io.datamapper.cli.EarlyDatabase;

/**
 * The executable's entry point. Every command runs the engine directly; only {@code serve} starts
 * the Spring Boot server (lazily, in that command), so CLI imports do not pay for a Spring context.
 */
public final class DataMapper {
  private DataMapper() {}

  public static void main(String[] args) {
    // The database opens on its own thread while the command starts; when both log before SLF4J
    // has finished initializing, SLF4J replays the early calls and says so on stderr in three
    // lines a user cannot act on. Its own notices stay quiet; our log events still go through.
    if (System.getProperty("slf4j.internal.verbosity") == null)
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    // picocli looks for Groovy's Closure class when it starts; a class that is not there is looked
    // for in each of the ~160 jars on the class path, opening every one (70-100 ms on the main
    // thread). No command is written in Groovy. (The jars still get opened, by the database
    // thread.)
    if (System.getProperty("picocli.disable.closures") == null)
      System.setProperty("picocli.disable.closures", "true");
    // connecting overlaps picocli building its model (import with an external --db only)
    EarlyDatabase.start(args);
    int code = DataMapperCommand.commandLine(args).execute(args);
    EarlyDatabase.discard();
    System.exit(code);
  }
}
