package io.datamapper.format;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How much one import or detection may build from a file, whatever the file declares: the readers
 * count what they inflate and build against these limits and stop with a {@link
 * LimitExceededException} naming the place, the limit and its setting. Sizes of values and records
 * are in characters; sizes of xlsx parts in inflated bytes. Defaults are sized for one import in a
 * 256 MB heap (see the README's "Hostile files and parser limits"). Immutable and thread-safe.
 *
 * @param maxValueChars one value: a CSV field, an Excel cell, a JSON string, number or nested value
 *     written as JSON text, an XML text node or repeated-children array; also a value after the
 *     mapping's transforms
 * @param maxRecordChars one record: the sum of its values (CSV, Excel, JSON), or an XML record's
 *     tree (names, attributes, text, and {@value #ELEMENT_CHARS} per element)
 * @param maxNestingDepth JSON nesting and XML element depth
 * @param maxRecordElements elements in one XML record (the record element included)
 * @param maxXlsxPartBytes inflated bytes of one xlsx part that is streamed (a sheet, the
 *     shared-strings table, which goes to a temporary file)
 * @param maxXlsxMetadataBytes inflated bytes of one xlsx part read aside (workbook, styles,
 *     relationships, content types)
 * @param maxSharedStrings strings in an xlsx shared-strings table
 * @param maxSharedStringsBytes UTF-8 bytes of an xlsx shared-strings table (kept in a temporary
 *     file)
 * @param maxRegexTime time one {@code replace} pattern may take on one value
 */
public record ReadLimits(
    int maxValueChars,
    int maxRecordChars,
    int maxNestingDepth,
    int maxRecordElements,
    long maxXlsxPartBytes,
    long maxXlsxMetadataBytes,
    int maxSharedStrings,
    long maxSharedStringsBytes,
    Duration maxRegexTime) {

  /** What an XML element costs beyond its text, in characters: the object graph that holds it. */
  public static final int ELEMENT_CHARS = 32;

  /** The settings' names (server properties; {@code DATAMAPPER_LIMITS_…} in the environment). */
  public static final String VALUE = "datamapper.limits.max-value-size";

  public static final String RECORD = "datamapper.limits.max-record-size";
  public static final String DEPTH = "datamapper.limits.max-nesting-depth";
  public static final String ELEMENTS = "datamapper.limits.max-record-elements";
  public static final String XLSX_PART = "datamapper.limits.max-xlsx-part-size";
  public static final String XLSX_METADATA = "datamapper.limits.max-xlsx-metadata-size";
  public static final String SHARED_STRINGS = "datamapper.limits.max-shared-strings";
  public static final String SHARED_STRINGS_SIZE = "datamapper.limits.max-shared-strings-size";
  public static final String REGEX_TIME = "datamapper.limits.max-regex-time";

  /**
   * 16 MB values, 20 MB records, depth 200, 50,000 XML elements, 2 GB sheets, 32 MB metadata parts,
   * 20 M shared strings in 1 GB, 1 s per pattern and value. A record holds one value of the largest
   * size and some more: the pipeline holds about two records at once (one being read, one being
   * loaded) and the COPY row, which a 256 MB heap fits with room to spare.
   */
  public static final ReadLimits DEFAULT =
      new ReadLimits(
          16 << 20,
          20 << 20,
          200,
          50_000,
          2L << 30,
          32L << 20,
          20_000_000,
          1L << 30,
          Duration.ofSeconds(1));

  public ReadLimits {
    positive(maxValueChars, VALUE);
    positive(maxRecordChars, RECORD);
    positive(maxNestingDepth, DEPTH);
    positive(maxRecordElements, ELEMENTS);
    positive(maxXlsxPartBytes, XLSX_PART);
    positive(maxXlsxMetadataBytes, XLSX_METADATA);
    positive(maxSharedStrings, SHARED_STRINGS);
    positive(maxSharedStringsBytes, SHARED_STRINGS_SIZE);
    if (maxSharedStrings > 500_000_000) {
      throw new IllegalArgumentException(
          SHARED_STRINGS
              + " is at most 500,000,000 (the offsets are memory-mapped), not "
              + maxSharedStrings);
    }
    if (maxSharedStringsBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          SHARED_STRINGS_SIZE
              + " is at most 2 GB (the table is memory-mapped), not "
              + maxSharedStringsBytes);
    }
    if (maxRegexTime == null || maxRegexTime.isNegative() || maxRegexTime.isZero()) {
      throw new IllegalArgumentException(REGEX_TIME + " must be positive, not " + maxRegexTime);
    }
    if (maxRecordChars < maxValueChars) maxRecordChars = maxValueChars;
  }

  /** These limits with other value and record sizes (characters). */
  public ReadLimits withText(int valueChars, int recordChars) {
    return new ReadLimits(
        valueChars,
        recordChars,
        maxNestingDepth,
        maxRecordElements,
        maxXlsxPartBytes,
        maxXlsxMetadataBytes,
        maxSharedStrings,
        maxSharedStringsBytes,
        maxRegexTime);
  }

  private static void positive(long v, String setting) {
    if (v <= 0) throw new IllegalArgumentException(setting + " must be positive, not " + v);
  }

  /**
   * The defaults, each overridden where {@code settings} (property name such as {@value #VALUE} →
   * text or null) has a value: sizes as {@code 16MB}, {@code 512KB}, {@code 2GB} or bytes, counts
   * as numbers, the time as {@code 1s} or {@code 500ms}.
   *
   * @throws IllegalArgumentException naming the setting when a value does not read
   */
  public static ReadLimits from(UnaryOperator<String> settings) {
    ReadLimits d = DEFAULT;
    return new ReadLimits(
        (int) size(settings, VALUE, d.maxValueChars, Integer.MAX_VALUE - 16),
        (int) size(settings, RECORD, d.maxRecordChars, Integer.MAX_VALUE - 16),
        (int) count(settings, DEPTH, d.maxNestingDepth),
        (int) count(settings, ELEMENTS, d.maxRecordElements),
        size(settings, XLSX_PART, d.maxXlsxPartBytes, Long.MAX_VALUE),
        size(settings, XLSX_METADATA, d.maxXlsxMetadataBytes, Long.MAX_VALUE),
        (int) count(settings, SHARED_STRINGS, d.maxSharedStrings),
        size(settings, SHARED_STRINGS_SIZE, d.maxSharedStringsBytes, Integer.MAX_VALUE),
        duration(settings, REGEX_TIME, d.maxRegexTime));
  }

  /**
   * The defaults overridden by environment variables such as {@code
   * DATAMAPPER_LIMITS_MAX_VALUE_SIZE}.
   */
  public static ReadLimits fromEnvironment(Map<String, String> env) {
    return from(property -> env.get(envName(property)));
  }

  /** {@code datamapper.limits.max-value-size} → {@code DATAMAPPER_LIMITS_MAX_VALUE_SIZE}. */
  public static String envName(String property) {
    return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static long size(UnaryOperator<String> settings, String name, long otherwise, long max) {
    String v = settings.apply(name);
    if (v == null || v.isBlank()) return otherwise;
    String s = v.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    for (String[] u :
        new String[][] {
          {"GB", "30"},
          {"MB", "20"},
          {"KB", "10"},
          {"G", "30"},
          {"M", "20"},
          {"K", "10"},
          {"B", "0"}
        }) {
      if (s.endsWith(u[0])) {
        unit = 1L << Integer.parseInt(u[1]);
        s = s.substring(0, s.length() - u[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(s);
      if (n <= 0 || n > max / unit) throw new NumberFormatException();
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name
              + " must be a positive size such as 16MB, 512KB or 1GB (at most "
              + Sizes.bytes(max)
              + "), not '"
              + v
              + "'");
    }
  }

  private static long count(UnaryOperator<String> settings, String name, long otherwise) {
    String v = settings.apply(name);
    if (v == null || v.isBlank()) return otherwise;
    try {
      long n = Long.parseLong(v.strip().replace("_", "").replace(",", ""));
      if (n <= 0 || n > Integer.MAX_VALUE) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a positive whole number, not '" + v + "'");
    }
  }

  private static Duration duration(
      UnaryOperator<String> settings, String name, Duration otherwise) {
    String v = settings.apply(name);
    if (v == null || v.isBlank()) return otherwise;
    String s = v.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (s.endsWith("ms"))
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
      else if (s.endsWith("s"))
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
      else d = Duration.parse(v.strip());
      if (d.isNegative() || d.isZero()) throw new NumberFormatException();
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be a positive time such as 1s or 500ms, not '" + v + "'");
    }
  }
}
