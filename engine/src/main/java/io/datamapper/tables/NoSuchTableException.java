package io.datamapper.tables;

import io.datamapper.DataMapperException;

/** The named table does not exist (outside the system schemas); answered 404. */
public class NoSuchTableException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public NoSuchTableException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String problemType() {
    return "no-such-table";
  }

  @Override
  public String title() {
    return "No such table";
  }
}
