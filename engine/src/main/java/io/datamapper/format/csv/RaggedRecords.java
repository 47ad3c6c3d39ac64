package io.datamapper.format.csv;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.CsvOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a record with another field count than the header becomes, by {@code source.csv.raggedRows}
 * and {@code source.csv.extraFields}: padded, cut to the header's width (extra values dropped and
 * counted), refused (null: the loader rejects it as {@code malformed-record}), or the import
 * stopped ({@code raggedRows: abort}). Not thread-safe.
 */
final class RaggedRecords {
  private final CsvOptions options;
  private final String fileName;
  private long padded;
  private long cut;
  private long firstCutLine;

  RaggedRecords(CsvOptions options, String fileName) {
    this.options = options;
    this.fileName = fileName;
  }

  /** The values fitted to {@code width}, or null when the record is to be rejected. */
  String[] fit(RawRecord r, long number, int width) {
    String[] values = r.values();
    if (options.raggedRows() == CsvOptions.RaggedRows.ABORT) {
      throw new BadFileException(
          fileName
              + ": line "
              + r.line()
              + " (record "
              + number
              + ") has "
              + values.length
              + " fields, but the header has "
              + width
              + "; source.csv.raggedRows: abort stops the import at the first such record");
    }
    if (options.padsRaggedRows()) {
      String[] fitted = CsvRecordReader.fit(values, width);
      if (fitted != null) {
        if (values.length < width) padded++;
        return fitted;
      }
    }
    if (values.length > width && options.ignoresExtraFields()) {
      if (cut++ == 0) firstCutLine = r.line();
      return Arrays.copyOf(values, width);
    }
    return null;
  }

  List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (padded > 0)
      notes.add(
          padded
              + (padded == 1 ? " record was" : " records were")
              + " short: missing fields loaded as NULL (source.csv.raggedRows: pad)");
    if (cut > 0)
      notes.add(
          cut
              + (cut == 1 ? " record had" : " records had")
              + " more fields than the header (first on line "
              + firstCutLine
              + "): the extra fields were dropped (source.csv.extraFields: ignore)");
    return notes;
  }
}
