package io.datamapper;

/**
 * A problem the user can act on: a bad file, a bad mapping, a rejected row, a refused
 * import. Messages name the file, line or record, column and value where they apply.
 * Everything that is not a {@code DataMapperException} is a bug in Data Mapper.
 */
public class DataMapperException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataMapperException(String message) {
    super(message);
  }

  public DataMapperException(String message, Throwable cause) {
    super(message, cause);
  }
}
