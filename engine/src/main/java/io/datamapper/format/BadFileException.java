package io.datamapper.format;

import io.datamapper.DataMapperException;

/** The file cannot be read as the format says: names the file and the line or record. */
public class BadFileException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public BadFileException(String message) {
    super(message);
  }

  public BadFileException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String problemType() {
    return "bad-file";
  }

  @Override
  public String title() {
    return "The file cannot be read";
  }
}
