package io.datamapper.load;

import io.datamapper.DataMapperException;
import io.datamapper.ledger.ImportRecord;
import java.time.format.DateTimeFormatter;

/**
 * The same file content was already imported into the same table (policy duplicateFile: reject).
 */
public class AlreadyImportedException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
  private final long previousImportId;

  public AlreadyImportedException(String fileName, ImportRecord previous) {
    super(
        fileName
            + " was already imported on "
            + previous.startedAt().format(WHEN)
            + " as import #"
            + previous.id()
            + " into table "
            + previous.target()
            + " ("
            + previous.rowsInserted()
            + " rows, SHA-256 "
            + previous.sha256().substring(0, 12)
            + "…). Use --force (or policies.duplicateFile: allow) to import it again.");
    this.previousImportId = previous.id();
  }

  public long previousImportId() {
    return previousImportId;
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String problemType() {
    return "already-imported";
  }

  @Override
  public String title() {
    return "File already imported";
  }
}
