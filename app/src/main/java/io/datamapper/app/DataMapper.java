package io.datamapper.app;

import io.datamapper.cli.DataMapperCommand;

/**
 * The executable's entry point. Every command runs the engine directly; only
 * {@code serve} (a later issue) will start the Spring Boot server, so CLI imports do not
 * pay for a Spring context.
 */
public final class DataMapper {
  private DataMapper() {}

  public static void main(String[] args) {
    System.exit(DataMapperCommand.commandLine(args).execute(args));
  }
}
