package io.datamapper.detect;

import io.datamapper.format.RecordReader;
import io.datamapper.format.excel.ExcelRecordReader;
import io.datamapper.format.json.JsonRecordReader;
import io.datamapper.format.xml.XmlRecordReader;
import io.datamapper.mapping.ExcelOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.JsonOptions;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.XmlOptions;
import java.util.List;

/**
 * The source options detection starts from for each format (automatic choices left to the reader),
 * and the choices the reader made, written back into the mapping so that an import reads the file
 * the same way.
 */
final class FormatOptions {
  private FormatOptions() {}

  /** The detected format with what the user gave (encoding, sheet, records path...). */
  static SourceSpec start(Format format, SourceSpec hint) {
    if (hint == null) return new SourceSpec(format, null, null, null, null, null);
    return hint.withFormat(format);
  }

  static SourceSpec chosen(RecordReader reader, SourceSpec source, List<Note> notes) {
    if (reader instanceof XmlRecordReader xml) {
      boolean given = source.xml() != null && source.xml().recordPath() != null;
      if (!given)
        notes.add(
            Note.file(
                "record element "
                    + xml.recordPath()
                    + " (the repeated element spanning the most text)"));
      return new SourceSpec(
          source.format(),
          source.encoding(),
          null,
          null,
          null,
          new XmlOptions(
              xml.recordPath(), source.xml() == null ? null : source.xml().namespaces()));
    }
    if (reader instanceof ExcelRecordReader excel) {
      ExcelOptions given = source.excel();
      if (given == null || given.sheet() == null)
        notes.add(
            Note.file("sheet '" + excel.sheetName() + "' (the first visible sheet with data)"));
      if ((given == null || given.headerRow() == null) && excel.headerRow() > 0)
        notes.add(Note.file("header in row " + excel.headerRow()));
      if ((given == null || given.headerRow() == null) && excel.headerRow() == 0) {
        notes.add(
            Note.file(
                "no header row: no row of the first ones is mostly text, so the first row is data;"
                    + " the columns are named column_1, column_2, ... (excel.headerRow: 0)"));
      }
      return new SourceSpec(
          source.format(),
          null,
          null,
          new ExcelOptions(
              excel.sheetName(), excel.headerRow(), given == null ? null : given.skipRows()),
          null,
          null);
    }
    if (reader instanceof JsonRecordReader json) {
      boolean given = source.json() != null && source.json().recordsPath() != null;
      String path = json.recordsPath();
      if (!given && !path.isEmpty())
        notes.add(Note.file("records are the array at '" + path + "'"));
      return new SourceSpec(
          source.format(), source.encoding(), null, null, new JsonOptions(path), null);
    }
    return source;
  }
}
