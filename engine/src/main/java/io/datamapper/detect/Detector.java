package io.datamapper.detect;

import io.datamapper.DataMapperException;
import io.datamapper.format.DecompressionLimits;
import io.datamapper.format.NulStripping;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.SourceInput;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposes a complete mapping for a file from a bounded sample of its start (at most {@link
 * #SAMPLE_BYTES} bytes of CSV — 16 times that when the first records are huge — and {@link
 * #SAMPLE_RECORDS} records) and, for a CSV file given as a path of 2 MB or more, of 256 KB at its
 * middle and at its end, so it answers as fast on a multi-gigabyte file as on a small one; values
 * outside the sample are never read. Every choice that a person might make differently comes with a
 * {@link Note}.
 *
 * <p>Conventions of the proposed mapping: the column {@code source} is the header text exactly as
 * in the file; without a header it is the field's 1-based position as a string ({@code "1"}, {@code
 * "2"}, ...) and the columns are named {@code column_1}, {@code column_2}, ... Every column is
 * nullable (a sample cannot prove NOT NULL), no business key is set (candidate keys are only
 * noted), the table is named after the file in snake_case in schema {@code public}, created when
 * missing and appended to.
 *
 * <p>Stateless and thread-safe. Never returns null.
 */
public final class Detector {
  /** Bytes read from the start of a CSV file (16× when fewer than 50 lines fit in them). */
  public static final int SAMPLE_BYTES = 1 << 20;

  /** At most this many records (header included) are examined. */
  public static final int SAMPLE_RECORDS = 10_000;

  private Detector() {}

  /**
   * Detects a mapping for a file.
   *
   * @throws DataMapperException when the file cannot be read or holds no header and no rows
   */
  public static Detection detect(Path file) {
    return detect(file, null);
  }

  /**
   * Detects a mapping for a file, starting from {@code hint} (format, encoding, sheet, records
   * path... given by the user; null or null parts: detect).
   *
   * @throws DataMapperException when the file cannot be read or holds no records
   */
  public static Detection detect(Path file, SourceSpec hint) {
    return detect(file, hint, ReadLimits.DEFAULT);
  }

  /** As {@link #detect(Path, SourceSpec)}, the sample read within {@code limits}. */
  public static Detection detect(Path file, SourceSpec hint, ReadLimits limits) {
    try (InputStream in = Files.newInputStream(file)) {
      return detect(in, file.getFileName().toString(), hint, file, limits);
    } catch (NoSuchFileException e) {
      throw new DataMapperException(file + " does not exist");
    } catch (IOException e) {
      throw new DataMapperException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Detects a mapping from the start of a stream, which may be gzip or zip compressed; for CSV it
   * reads at most {@link #SAMPLE_BYTES} of text, for JSON, XML and Excel at most {@link
   * #SAMPLE_RECORDS} records. {@code hint} gives what the user knows (format, options; null parts:
   * detect). Does not close the stream. {@code fileName} names the table and the messages; may be
   * null.
   *
   * @throws DataMapperException when the stream cannot be read or holds no records
   */
  public static Detection detect(InputStream in, String fileName, SourceSpec hint) {
    return detect(in, fileName, hint, null, ReadLimits.DEFAULT);
  }

  /** As {@link #detect(InputStream, String, SourceSpec)}, the sample read within {@code limits}. */
  public static Detection detect(
      InputStream in, String fileName, SourceSpec hint, ReadLimits limits) {
    return detect(in, fileName, hint, null, limits);
  }

  /**
   * {@code file}: the same bytes as {@code in}, for positional reads of its middle and end; may be
   * null.
   */
  private static Detection detect(
      InputStream in, String fileName, SourceSpec hint, Path file, ReadLimits limits) {
    Format format = hint == null ? null : hint.format();
    String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
    SourceInput.Opened opened;
    try {
      opened = SourceInput.open(new NonClosing(in), name, format, DecompressionLimits.DEFAULT);
    } catch (IOException e) {
      throw new DataMapperException("cannot read " + name + ": " + e.getMessage(), e);
    }
    List<Note> notes = new ArrayList<>();
    if (opened.stream() instanceof NulStripping) {
      notes.add(
          Note.file(
              "the text holds NUL bytes (character 0): they are dropped when the file is read, as PostgreSQL text cannot hold them"));
    }
    if (opened.compression() != null) {
      notes.add(
          Note.file(
              opened.compression()
                  + " compressed"
                  + (opened.compression().equals("zip") ? ": reading " + opened.innerName() : "")));
    }
    Detection d =
        opened.format() == Format.CSV
            ? detectCsv(opened.stream(), fileName, opened.compression() == null ? file : null)
            : RecordSampler.detect(
                opened.stream(),
                FormatOptions.start(opened.format(), hint),
                name,
                tableName(fileName),
                limits);
    if (notes.isEmpty()) return d;
    notes.addAll(d.notes());
    return new Detection(d.mapping(), notes);
  }

  /**
   * Detects a mapping from the start of a stream; see {@link #detect(InputStream, String,
   * SourceSpec)}.
   */
  public static Detection detect(InputStream in, String fileName) {
    return detect(in, fileName, null);
  }

  static Detection detectCsv(InputStream in, String fileName) {
    return detectCsv(in, fileName, null);
  }

  static Detection detectCsv(InputStream in, String fileName, Path seekable) {
    String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
    Sample sample;
    try {
      sample = Sample.read(in, SAMPLE_BYTES);
    } catch (IOException e) {
      throw new DataMapperException("cannot read " + name + ": " + e.getMessage(), e);
    }
    if (sample.archive() != null) {
      throw new DataMapperException(
          name
              + " is a "
              + sample.archive()
              + " archive, not a text file: unpack it first"
              + ("ZIP".equals(sample.archive())
                  ? " (an .xlsx workbook is an Excel source, not CSV)"
                  : ""));
    }
    if (sample.text().isBlank())
      throw new DataMapperException(name + " is empty: no header and no rows");
    List<Note> notes = new ArrayList<>();
    notes.add(Note.file(sample.encodingEvidence()));
    DialectSniffer.Result dialect =
        DialectSniffer.sniff(sample.text(), sample.truncated(), SAMPLE_RECORDS);
    List<List<String>> records = dialect.records();
    if (records.isEmpty() && dialect.error() != null) {
      throw new DataMapperException(name + " cannot be read as CSV: " + dialect.error());
    }
    if (records.isEmpty()) throw new DataMapperException(name + " is empty: no header and no rows");
    dialect.evidence().forEach(e -> notes.add(Note.file(e)));
    List<List<String>> regions = List.of();
    if (seekable != null && sample.truncated() && dialect.error() == null) {
      regions =
          SampleRegions.read(
              seekable,
              sample.charset(),
              dialect,
              DialectSniffer.score(records, dialect.delimiter()).fieldCount(),
              sample.bytes());
      if (!regions.isEmpty()) {
        List<List<String>> all = new ArrayList<>(records.size() + regions.size());
        all.addAll(records);
        all.addAll(regions);
        records = all;
      }
    }
    if (dialect.error() != null) {
      notes.add(
          Note.file(
              "the sample is malformed after record "
                  + records.size()
                  + " ("
                  + dialect.error()
                  + "); detection used the records before it — an import stops there with the same error: fix the quoting, or try"
                  + " another quote or escape"));
    }

    Columns columns =
        dialect.malformedHeader() != null
            ? Columns.byPosition(
                dialect.malformedHeader(),
                records,
                dialect.delimiter(),
                "header line malformed: its names are read by position")
            : Columns.of(records, dialect.delimiter());
    notes.add(Note.file(columns.headerEvidence()));
    int dataRows = columns.dataRows();
    if (!regions.isEmpty()) {
      notes.add(
          Note.file(
              "sampled "
                  + rows(dataRows)
                  + ": "
                  + rows(dataRows - regions.size())
                  + " from the first "
                  + kilobytes(sample.bytes())
                  + " and "
                  + regions.size()
                  + " from the middle and the end ("
                  + kilobytes(SampleRegions.REGION_BYTES)
                  + " each); the rest of the file was not read"));
    } else if (sample.truncated() || records.size() >= SAMPLE_RECORDS) {
      notes.add(
          Note.file(
              "sampled "
                  + rows(dataRows)
                  + " from the first "
                  + kilobytes(sample.bytes())
                  + "; the rest of the file was not read"));
    } else if (dialect.error() != null) {
      notes.add(Note.file("read " + rows(dataRows) + " before the malformed record"));
    } else {
      notes.add(Note.file("read the whole file: " + rows(dataRows)));
    }
    notes.addAll(columns.notes());

    NullTokens tokens = NullTokens.of(columns.profiles());
    notes.addAll(tokens.notes());
    notes.addAll(CandidateKeys.notes(columns.profiles(), dataRows));

    CsvOptions csv =
        new CsvOptions(
            dialect.delimiter(),
            dialect.quote(),
            dialect.escape(),
            dialect.lineSeparator(),
            columns.header(),
            tokens.tokens(),
            dialect.skipRows() + (columns.headerLineSkipped() ? 1 : 0),
            null,
            columns.padRagged() ? CsvOptions.RaggedRows.PAD : null);
    List<ColumnSpec> specs = new ArrayList<>();
    java.util.Set<String> dropped = new java.util.HashSet<>();
    for (int i = 0; i < columns.profiles().size(); i++) {
      ColumnProfile p = columns.profiles().get(i);
      if (columns.header() && columns.sources().get(i).isBlank() && p.allEmpty()) {
        dropped.add(p.column()); // Excel's trailing ",,," columns: no name and no values
        continue;
      }
      specs.add(
          new ColumnSpec(
              columns.sources().get(i),
              p.column(),
              p.type(),
              true,
              null,
              p.typed().format(),
              p.transforms()));
    }
    if (!dropped.isEmpty()) {
      notes.removeIf(n -> dropped.contains(n.column()));
      notes.add(
          Note.file(
              dropped.size()
                  + (dropped.size() == 1 ? " column has" : " columns have")
                  + " neither a header nor values in the sample: left out of the mapping"));
    }
    Mapping mapping =
        new Mapping(
            SourceSpec.csv(csv, sample.charset().name()),
            new TargetSpec("public", tableName(fileName), true, LoadMode.APPEND),
            specs,
            List.of(),
            Policies.defaults());
    return new Detection(mapping, notes);
  }

  /** {@code orders-2024.csv} → {@code orders_2024}; {@code data} when the name gives nothing. */
  static String tableName(String fileName) {
    if (fileName == null) return "data";
    String base =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String lower = base.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz") || lower.endsWith(".zip"))
      base = base.substring(0, base.lastIndexOf('.'));
    int dot = base.lastIndexOf('.');
    if (dot > 0) base = base.substring(0, dot);
    return base.isBlank() ? "data" : Identifiers.snakeCase(base);
  }

  private static String rows(int n) {
    return n == 1 ? "1 data row" : n + " data rows";
  }

  private static String kilobytes(int bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? bytes / (1 << 20) + " MB"
        : (bytes + 1023) / 1024 + " KB";
  }
}
