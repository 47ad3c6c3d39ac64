package io.datamapper.detect;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Keeps the caller's stream open: detection reads a sample and leaves closing to the caller. */
final class NonClosing extends FilterInputStream {
  NonClosing(InputStream in) {
    super(in);
  }

  @Override
  public void close() {
    // the caller owns the stream
  }
}
