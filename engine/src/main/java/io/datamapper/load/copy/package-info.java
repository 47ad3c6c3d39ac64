/**
 * PostgreSQL's binary COPY format: {@link io.datamapper.load.copy.BinaryCopyEncoder} encodes the
 * values {@code coerce} produces into reusable chunks, {@link io.datamapper.load.copy.CopyWriter}
 * sends them from a thread of its own, and {@link io.datamapper.load.copy.CopyErrors} turns the
 * server's COPY errors into messages naming the record and column. Depends on {@code coerce} and
 * {@code mapping}, never on {@code load}.
 */
package io.datamapper.load.copy;
