package io.datamapper.storage;

/**
 * One object or file found at a remote location: its URI (for the ledger, without secrets), the
 * file name for messages and format sniffing, the size ({@code -1} unknown) and the store's ETag
 * (null when the store gives no strong one). Immutable.
 */
record RemoteObject(String uri, String name, long size, String etag) {}
