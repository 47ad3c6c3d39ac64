package io.datamapper.mapping;

/** Excel source options: sheet by name or 1-based index, 1-based header row, rows to skip after it. */
public record ExcelOptions(String sheet, Integer headerRow, Integer skipRows) {}
