package io.datamapper.mapping;

import java.util.Locale;

/** Source file formats. */
public enum Format {
  CSV,
  EXCEL,
  JSON,
  XML;

  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code csv|tsv|excel|xlsx|xls|json|ndjson|jsonl|xml}; {@code null} if unknown. */
  public static Format fromSpelling(String s) {
    if (s == null) return null;
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "csv", "tsv", "txt" -> CSV;
      case "excel", "xlsx", "xls" -> EXCEL;
      case "json", "ndjson", "jsonl" -> JSON;
      case "xml" -> XML;
      default -> null;
    };
  }
}
