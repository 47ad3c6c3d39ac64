package io.datamapper;

/**
 * The environment failed, not the input and not Data Mapper: PostgreSQL became unreachable, for
 * example. Nothing the user sent has to change; the same request or command may succeed later. The
 * server answers 503 with {@code Retry-After}, the CLI exits with code 3.
 */
public class EnvironmentException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Blame blame() {
    return Blame.ENVIRONMENT;
  }

  @Override
  public int status() {
    return 503;
  }

  @Override
  public String problemType() {
    return "unavailable";
  }

  @Override
  public String title() {
    return "Temporarily unavailable";
  }
}
