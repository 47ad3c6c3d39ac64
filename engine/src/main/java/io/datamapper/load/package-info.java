/**
 * Loading a file into PostgreSQL: {@link io.datamapper.load.Importer} checks the plan (mapping ×
 * header × target table) before any row moves, then parses, maps, coerces and binary-COPY-encodes
 * on separate threads in one transaction, with duplicate-row policies, rejects and the ledger. The
 * value parsers live in {@code io.datamapper.coerce}, the binary COPY encoder in {@code
 * io.datamapper.load.copy}.
 */
package io.datamapper.load;
