package io.datamapper.mapping;

/**
 * Where rows come from: the format ({@code null} means detect from content and extension), the
 * encoding ({@code null} means detect) and the options of that format. Immutable.
 */
public record SourceSpec(
    Format format,
    String encoding,
    CsvOptions csv,
    ExcelOptions excel,
    JsonOptions json,
    XmlOptions xml) {

  public static SourceSpec csv(CsvOptions csv, String encoding) {
    return new SourceSpec(Format.CSV, encoding, csv, null, null, null);
  }

  public SourceSpec withFormat(Format f) {
    return new SourceSpec(f, encoding, csv, excel, json, xml);
  }

  /** The CSV options, or the defaults when none are given. */
  public CsvOptions csvOrDefaults() {
    return csv == null ? CsvOptions.defaults() : csv;
  }
}
