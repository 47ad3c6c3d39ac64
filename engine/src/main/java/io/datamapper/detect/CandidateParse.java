package io.datamapper.detect;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sample into records for one candidate dialect. A space delimiter means runs of spaces
 * (as R's {@code read.table}): leading and trailing spaces of a line are ignored and a run of
 * spaces outside quotes separates two fields, as the import reads it. Stateless.
 */
final class CandidateParse {
  private CandidateParse() {}

  /** Records read, and why reading stopped early ({@code null} when it did not). */
  record Parsed(List<List<String>> records, String error, List<Long> lines) {}

  /**
   * Reads up to {@code maxRecords} records, tolerating ragged rows and a quote left open by the end
   * of the sample. Malformed CSV (text after a closing quote) stops the reading: for a wrong
   * candidate delimiter that is evidence against it.
   */
  static Parsed parse(String text, char delimiter, char quote, int maxRecords, boolean truncated) {
    if (quote == DialectSniffer.NO_QUOTE) quote = unused(text);
    if (delimiter == ' ') text = SpaceRuns.collapse(text, quote);
    List<List<String>> out = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    boolean reachedEnd = true;
    String error = null;
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .quoteCharacter(quote)
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .allowUnclosedQuote(true)
            .ofCsvRecord(text)) {
      for (CsvRecord r : reader) {
        if (out.size() == maxRecords) {
          reachedEnd = false;
          break;
        }
        out.add(r.getFields());
        lines.add(r.getStartingLineNumber());
      }
    } catch (CsvParseException e) {
      reachedEnd = false;
      error = e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    // the sample may end inside the last record; keep it only when it is all there is
    if (truncated && reachedEnd && out.size() > 1) {
      out.remove(out.size() - 1);
      lines.remove(lines.size() - 1);
    }
    return new Parsed(out, error, lines);
  }

  /**
   * A character absent from {@code text}, to stand for the quote when there is none (FastCSV always
   * has one).
   */
  private static char unused(String text) {
    for (char c = '\uF8FF'; ; c--) {
      if (text.indexOf(c) < 0) return c;
    }
  }
}
