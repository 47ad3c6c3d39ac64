package io.datamapper.load;

import io.datamapper.DataMapperException;

/**
 * The import was cancelled on request (see {@link ImportRequest#cancelled()}); nothing was written.
 */
public class ImportCancelledException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public ImportCancelledException(String fileName, long rowsRead) {
    super(
        "The import of "
            + fileName
            + " was cancelled after "
            + rowsRead
            + " rows; nothing was written.");
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String problemType() {
    return "cancelled";
  }

  @Override
  public String title() {
    return "Import cancelled";
  }
}
