package io.datamapper;

/**
 * A failure Data Mapper explains: by default a problem the user can act on (a bad file, a bad
 * mapping, a rejected row, a refused import), whose message names the file, line or record, column
 * and value where they apply. Subtypes say whose fault they are ({@link #blame()}) and how the API
 * answers them ({@link #status()}, {@link #problemType()}, {@link #title()}): {@link
 * EnvironmentException} for an unreachable database or store, {@link InternalException} for a bug.
 * Any other exception is a bug too.
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

  /**
   * Whose fault this is; decides the CLI's exit code. The user's input unless a subtype says
   * otherwise.
   */
  public Blame blame() {
    return Blame.INPUT;
  }

  /** The HTTP status the API answers with. */
  public int status() {
    return 400;
  }

  /** The last segment of the problem type URI ({@code https://datamapper.io/problems/...}). */
  public String problemType() {
    return "refused";
  }

  /** The problem's title: the same for every problem of this type. */
  public String title() {
    return "Import refused";
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
