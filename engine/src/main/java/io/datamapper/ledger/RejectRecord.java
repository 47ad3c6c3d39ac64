package io.datamapper.ledger;

/** One rejected row from the reject store ({@code datamapper.rejects}). Immutable. */
public record RejectRecord(
    long importId,
    long recordNumber,
    Long lineNumber,
    String column,
    String value,
    String reason,
    String raw,
    String code) {}
