package io.datamapper.format.excel;

import io.datamapper.format.RawRecord;
import io.datamapper.format.RecordReader;
import io.datamapper.mapping.ExcelOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real workbooks under src/test/resources/excel (see the README there) and a way to read them
 * whole.
 */
final class Workbooks {
  private Workbooks() {}

  static Path file(String name) {
    try {
      return Path.of(Workbooks.class.getResource("/excel/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test workbook " + name, e);
    }
  }

  /** A whole sheet: fields, then records. */
  record Read(List<String> fields, List<RawRecord> records, List<String> raw) {
    String value(int record, String field) {
      return records.get(record).values()[fields.indexOf(field)];
    }

    List<String> column(String field) {
      int i = fields.indexOf(field);
      List<String> values = new ArrayList<>();
      for (RawRecord r : records) values.add(r.values()[i]);
      return values;
    }
  }

  static Read read(Path file, String sheet, Integer headerRow, Integer skipRows)
      throws IOException {
    try (RecordReader reader =
        ExcelRecordReader.open(
            file, new ExcelOptions(sheet, headerRow, skipRows), file.getFileName().toString())) {
      List<RawRecord> records = new ArrayList<>();
      List<String> raw = new ArrayList<>();
      RawRecord r;
      while ((r = reader.next()) != null) {
        records.add(r);
        raw.add(reader.raw(r));
      }
      return new Read(reader.fields(), records, raw);
    }
  }

  static Read read(String name) throws IOException {
    return read(file(name), null, null, null);
  }

  static Read read(String name, String sheet) throws IOException {
    return read(file(name), sheet, null, null);
  }
}
