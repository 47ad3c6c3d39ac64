package io.datamapper.app;

import io.datamapper.cli.DataMapperCommand;

/**
 * The executable's entry point. Every command runs the engine directly; only
 * {@code serve} starts the Spring Boot server (lazily, in that command), so CLI imports do
 * not pay for a Spring context.
 */
public final class DataMapper {
  private DataMapper() {}

  public static void main(String[] args) {
    int code = DataMapperCommand.commandLine(args).execute(args);
    System.exit(code);
  }
}
