package io.datamapper;

/**
 * A problem the user can act on: a bad file, a bad mapping, a rejected row, a refused
 * import. Messages name the file, line or record, column and value where they apply.
 * Everything that is not a {@code DataMapperException} is a bug in Data Mapper.
 */
public class DataMapperException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private Long importId;

  public DataMapperException(String message) {
    super(message);
  }

  public DataMapperException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The ledger id of the import that failed with this problem, or null (nothing recorded yet). */
  public Long importId() {
    return importId;
  }

  /** Set by the importer when the failure was recorded in the ledger. */
  public DataMapperException withImportId(Long id) {
    this.importId = id;
    return this;
  }
}
