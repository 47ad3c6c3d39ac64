package io.datamapper.ledger;

/**
 * What the ledger kept of an import's input, as stored: enough to export its rejects and replay
 * them.
 *
 * @param format the format's spelling ({@code csv}), or null
 * @param mappingJson the mapping as JSON text
 * @param sourceFieldsJson the source's field names as a JSON array, or null
 */
public record StoredMapping(String format, String mappingJson, String sourceFieldsJson) {}
