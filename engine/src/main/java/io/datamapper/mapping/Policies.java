package io.datamapper.mapping;

import java.util.Locale;

/**
 * What to do with a file already imported, duplicate rows, and rows that cannot be read. {@code
 * keep} says which of several rows with one key in a file wins (the first, by default, or the
 * last). {@code badRowsMax} caps skipped rows ({@code null}: no cap); {@code badRowsMaxRatio} caps
 * their share of rows read. Immutable.
 */
public record Policies(
    DuplicateFile duplicateFile,
    DuplicateRow duplicateRow,
    Keep keep,
    BadRows badRows,
    Long badRowsMax,
    Double badRowsMaxRatio) {

  public enum DuplicateFile {
    REJECT,
    ALLOW,
    NEW_VERSION
  }

  /**
   * Rows whose key is already loaded: {@code SKIP} them, {@code UPDATE} the loaded row, {@code
   * ERROR} (refuse the file), or {@code KEEP} every row (only counted).
   */
  public enum DuplicateRow {
    SKIP,
    UPDATE,
    ERROR,
    KEEP
  }

  /** Which row of a key repeated in the file is loaded. */
  public enum Keep {
    FIRST,
    LAST
  }

  /**
   * {@code ABORT}: all or nothing. {@code SKIP}: load the good rows, keep the bad ones in the
   * reject store.
   */
  public enum BadRows {
    ABORT,
    SKIP
  }

  public Policies {
    duplicateFile = duplicateFile == null ? DuplicateFile.REJECT : duplicateFile;
    duplicateRow = duplicateRow == null ? DuplicateRow.KEEP : duplicateRow;
    keep = keep == null ? Keep.FIRST : keep;
    badRows = badRows == null ? BadRows.ABORT : badRows;
  }

  public static Policies defaults() {
    return new Policies(null, null, null, null, null, null);
  }

  public Policies withDuplicateFile(DuplicateFile d) {
    return new Policies(d, duplicateRow, keep, badRows, badRowsMax, badRowsMaxRatio);
  }

  public Policies withBadRows(BadRows b, Long max) {
    return new Policies(duplicateFile, duplicateRow, keep, b, max, badRowsMaxRatio);
  }

  public Policies withDuplicateRow(DuplicateRow d) {
    return new Policies(duplicateFile, d, keep, badRows, badRowsMax, badRowsMaxRatio);
  }

  public static String spell(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static <E extends Enum<E>> E parse(Class<E> type, String s) {
    for (E e : type.getEnumConstants()) {
      if (spell(e).equalsIgnoreCase(s.trim()) || e.name().equalsIgnoreCase(s.trim())) return e;
    }
    return null;
  }
}
