package io.datamapper.format.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import io.datamapper.format.RawRecord;
import java.util.Arrays;
import java.util.List;

/**
 * FastCSV callback that builds {@link RawRecord}s directly, turning unquoted null tokens into
 * {@code null} without allocating a String for them.
 */
final class RecordHandler extends AbstractBaseCsvCallbackHandler<RawRecord> {
  private final char[][] nullTokens;
  private final boolean emptyIsNull;
  private final int maxValue;
  private final int maxRecord;
  private String[] values = new String[16];
  private int count;
  private long recordChars;
  private long valueChars;

  RecordHandler(List<String> tokens, int maxValue, int maxRecord) {
    this.maxValue = maxValue;
    this.maxRecord = maxRecord;
    this.emptyIsNull = tokens.contains("");
    this.nullTokens =
        tokens.stream().filter(t -> !t.isEmpty()).map(String::toCharArray).toArray(char[][]::new);
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    super.handleBegin(startingLineNumber);
    count = 0;
    recordChars = 0;
    valueChars = 0;
  }

  @Override
  protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
    // checked before the String is made: the parser's buffer is bounded by the value limit already
    if (len > maxValue) throw new OverLimit(count, getStartingLineNumber());
    recordChars += len;
    if (recordChars > maxRecord) throw new OverLimit(-1, getStartingLineNumber());
    if (count == values.length) values = Arrays.copyOf(values, count * 2);
    if (!quoted && isNullToken(buf, offset, len)) {
      values[count++] = null;
    } else {
      values[count++] = new String(buf, offset, len);
      valueChars += len;
    }
  }

  private boolean isNullToken(char[] buf, int offset, int len) {
    if (len == 0) return emptyIsNull;
    for (char[] t : nullTokens) {
      if (t.length == len && Arrays.equals(t, 0, len, buf, offset, offset + len)) return true;
    }
    return false;
  }

  /** Fields of the current record handled so far: the index of the field being read. */
  int fieldsSoFar() {
    return count;
  }

  /** Characters in the non-null values of the record built last. */
  long valueChars() {
    return valueChars;
  }

  /** Line where the current record starts. */
  long recordLine() {
    return getStartingLineNumber();
  }

  @Override
  protected RawRecord buildRecord() {
    return new RawRecord(0, getStartingLineNumber(), Arrays.copyOf(values, count));
  }
}
