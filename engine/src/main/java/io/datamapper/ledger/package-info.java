/**
 * The import ledger in {@code datamapper.imports}: {@link io.datamapper.ledger.Ledger} records
 * imports (running, succeeded, failed, undone), {@link io.datamapper.ledger.LedgerQueries} reads
 * them; file fingerprints and the tables a replace kept.
 */
package io.datamapper.ledger;
