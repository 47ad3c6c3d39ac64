package io.datamapper;

/**
 * A bug in Data Mapper, not the input's fault nor the environment's: PostgreSQL refusing a
 * statement Data Mapper wrote itself (on its own ledger, say), for example. The server answers 500
 * and logs the stack; the CLI exits with code 2.
 */
public class InternalException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public InternalException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Blame blame() {
    return Blame.BUG;
  }

  @Override
  public int status() {
    return 500;
  }

  @Override
  public String problemType() {
    return "internal";
  }

  @Override
  public String title() {
    return "Internal error";
  }
}
