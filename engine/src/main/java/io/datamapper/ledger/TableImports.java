package io.datamapper.ledger;

import java.time.OffsetDateTime;

/**
 * What the ledger knows of the imports into one table (dry runs left out).
 *
 * @param total every recorded import
 * @param succeeded the ones that succeeded
 * @param failed the ones that failed
 * @param rowsInserted the rows the succeeded ones inserted
 * @param lastImportAt when the latest one started, or null
 * @param lastSucceededImportId the id of the latest succeeded one, or null
 */
public record TableImports(
    long total,
    long succeeded,
    long failed,
    long rowsInserted,
    OffsetDateTime lastImportAt,
    Long lastSucceededImportId) {}
