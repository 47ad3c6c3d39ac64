package io.datamapper.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A remote body that knows whether it was read to its end, so that an early close can drop the
 * connection instead of downloading the rest of a large file just to reuse the socket.
 */
abstract class AbandonableBody extends FilterInputStream {
  private boolean ended;

  AbandonableBody(InputStream in) {
    super(in);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) ended = true;
    return n;
  }

  /** Whether a read has reached the end of the body. */
  final boolean ended() {
    return ended;
  }
}
