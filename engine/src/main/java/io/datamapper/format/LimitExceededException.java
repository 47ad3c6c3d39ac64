package io.datamapper.format;

/**
 * A file went past one of the {@link ReadLimits}: its message names the file, the place (line,
 * record, column, part) where known, the limit and the setting that raises it. The file's fault,
 * not the server's: reported like any bad file.
 */
public class LimitExceededException extends BadFileException {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final long limit;

  /**
   * @param fileName the file, for the message
   * @param what what went past the limit and where, e.g. {@code the field in line 2, column 'note'
   *     is longer than 16,777,216 characters}
   * @param limit the limit in characters or bytes
   * @param setting the setting's name, e.g. {@link ReadLimits#VALUE}
   */
  public LimitExceededException(String fileName, String what, long limit, String setting) {
    this(fileName, what, limit, setting, null);
  }

  /**
   * As the other constructor, with a {@code hint} (a sentence) before the advice to raise the
   * setting.
   */
  public LimitExceededException(
      String fileName, String what, long limit, String setting, String hint) {
    super(
        fileName
            + ": "
            + what
            + "; the limit is "
            + describe(limit, setting)
            + " ("
            + setting
            + ")."
            + (hint == null ? "" : " " + hint)
            + " If the file is genuine, raise the setting.");
    this.setting = setting;
    this.limit = limit;
  }

  private static String describe(long limit, String setting) {
    return switch (setting) {
      case ReadLimits.DEPTH, ReadLimits.ELEMENTS, ReadLimits.SHARED_STRINGS -> Sizes.count(limit);
      // characters; written as a size in the setting (16MB), so shown as one when it is one
      case ReadLimits.VALUE, ReadLimits.RECORD ->
          limit % 1024 == 0 ? Sizes.bytes(limit) : Sizes.count(limit) + " characters";
      default -> Sizes.bytes(limit);
    };
  }

  /** The setting that raises the limit, e.g. {@code datamapper.limits.max-value-size}. */
  public String setting() {
    return setting;
  }

  /** The limit that was passed, in the setting's unit (characters, bytes or a count). */
  public long limit() {
    return limit;
  }
}
