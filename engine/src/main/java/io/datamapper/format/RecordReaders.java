package io.datamapper.format;

import io.datamapper.format.csv.CsvRecordReader;
import io.datamapper.format.excel.ExcelRecordReader;
import io.datamapper.format.json.JsonRecordReader;
import io.datamapper.format.xml.XmlRecordReader;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.SourceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Opens the {@link RecordReader} for a source's format. */
public final class RecordReaders {
  private RecordReaders() {}

  /**
   * Opens {@code in} (already decompressed) as the format of {@code source}; the reader owns and
   * closes the stream. {@code fileName} appears in error messages. {@code requestedFields} are the
   * source fields the mapping reads: formats without a header (JSON, XML) include them in {@link
   * RecordReader#fields()} even when the first records lack them (they are then null where absent).
   * CSV and Excel ignore them.
   */
  public static RecordReader open(
      InputStream in, SourceSpec source, String fileName, List<String> requestedFields)
      throws IOException {
    return open(in, source, fileName, requestedFields, ReadLimits.DEFAULT);
  }

  /**
   * As {@link #open(InputStream, SourceSpec, String, List)}, the reader bounded by {@code limits}.
   */
  public static RecordReader open(
      InputStream in,
      SourceSpec source,
      String fileName,
      List<String> requestedFields,
      ReadLimits limits)
      throws IOException {
    Format format = source.format() == null ? Format.CSV : source.format();
    return switch (format) {
      case CSV -> {
        TextInput.Opened text = TextInput.open(in, source.encoding());
        yield new CsvRecordReader(
            text.reader(), source.csvOrDefaults(), fileName, text.charset().name(), limits);
      }
      case JSON ->
          new JsonRecordReader(
              in, source.encoding(), source.json(), fileName, requestedFields, limits);
      case XML ->
          new XmlRecordReader(
              in, source.encoding(), source.xml(), fileName, requestedFields, limits);
      // workbooks need random access: the stream is copied to a temporary file, deleted on close
      case EXCEL -> ExcelRecordReader.open(in, source.excel(), fileName, limits);
    };
  }
}
