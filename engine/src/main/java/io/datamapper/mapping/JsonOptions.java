package io.datamapper.mapping;

/**
 * JSON source options: dotted path to the records array ({@code data.items}); empty means top
 * level.
 */
public record JsonOptions(String recordsPath) {}
