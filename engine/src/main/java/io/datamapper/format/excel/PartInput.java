package io.datamapper.format.excel;

import io.datamapper.format.LimitExceededException;
import io.datamapper.format.Sizes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The inflated bytes of one xlsx part, counted as they come out of the inflater: past the limit the
 * read fails, whatever size the ZIP entry declares (a part that declares 100 bytes and inflates to
 * 340 MB stops at the limit, not at the heap). Not thread-safe.
 */
final class PartInput extends FilterInputStream {
  private final String part;
  private final long limit;
  private final String setting;
  private final String fileName;
  private long count;

  PartInput(InputStream in, String part, long limit, String setting, String fileName) {
    super(in);
    this.part = part;
    this.limit = limit;
    this.setting = setting;
    this.fileName = fileName;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) counted(1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) counted(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    if (skipped > 0) counted(skipped);
    return skipped;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw new LimitExceededException(
          fileName,
          "the xlsx part "
              + part
              + " inflates to more than "
              + Sizes.bytes(limit)
              + " ("
              + Sizes.count(limit)
              + " bytes)",
          limit,
          setting);
    }
  }
}
