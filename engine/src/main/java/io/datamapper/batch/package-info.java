/**
 * Imports every object under a storage prefix, each as its own import with its own ledger entry:
 * {@link io.datamapper.batch.BatchImport} is the one loop the CLI and the server both use, and
 * {@link io.datamapper.batch.BatchResult} what it returns. Objects already imported into their
 * table are skipped, a failed object does not stop the others, and an unreachable database or a
 * cancellation stops them all.
 */
package io.datamapper.batch;
