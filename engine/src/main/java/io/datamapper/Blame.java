package io.datamapper;

/**
 * Whose fault a failure is, which decides how it is answered: the user's input (HTTP 4xx, CLI exit
 * 1), the environment (HTTP 503 with {@code Retry-After}, CLI exit 3) or a bug in Data Mapper (HTTP
 * 500 with the stack only in the log, CLI exit 2).
 */
public enum Blame {
  /** The file, mapping, request or command line has to change. */
  INPUT(1),
  /** PostgreSQL or a store is unreachable; the same request may succeed later. */
  ENVIRONMENT(3),
  /** Data Mapper itself is wrong; nothing the user can change. */
  BUG(2);

  private final int exitCode;

  Blame(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The CLI's exit code for a failure of this kind. */
  public int exitCode() {
    return exitCode;
  }
}
