package io.datamapper.ledger;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An import as the ledger has it, locked for undo ({@link LedgerQueries#lockForUndo}).
 *
 * @param id the import's id
 * @param schema the target schema
 * @param table the target table
 * @param status running, succeeded, failed or undone
 * @param createdTable whether the import created its table
 * @param keptTable what the ledger says a replace kept (not trusted: see {@link KeptTable})
 * @param mode the load mode its mapping names, or null (append)
 * @param keys its mapping's key columns
 * @param undoneAt when it was undone, or null
 * @param fileName the imported file's name
 */
public record ImportForUndo(
    long id,
    String schema,
    String table,
    String status,
    boolean createdTable,
    String keptTable,
    String mode,
    List<String> keys,
    OffsetDateTime undoneAt,
    String fileName) {
  public ImportForUndo {
    keys = List.copyOf(keys);
  }

  /**
   * A later succeeded import into the same table.
   *
   * @param id its id
   * @param mode the load mode its mapping names, or null (append)
   * @param fileName its file's name
   */
  public record Later(long id, String mode, String fileName) {}

  /**
   * A later import that updated rows this one wrote (its pre-images are in {@code
   * datamapper.row_images}).
   *
   * @param id its id
   * @param fileName its file's name
   * @param rows how many of this import's rows it updated
   */
  public record LaterUpdate(long id, String fileName, long rows) {}
}
