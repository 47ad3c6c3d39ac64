package io.datamapper.format;

/**
 * One record as read from a file, before mapping: its 1-based record number (data rows
 * only), the 1-based line (or row) where it starts, and its field values in the order of
 * {@link RecordReader#fields()} ({@code null} = absent or a null token). The array is
 * owned by the record; do not modify it.
 */
public record RawRecord(long number, long line, String[] values) {}
