package io.datamapper.app;

import io.datamapper.cli.DataMapperCommand;

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
    int code = DataMapperCommand.commandLine(args).execute(args);
    System.exit(code);
  }
}
