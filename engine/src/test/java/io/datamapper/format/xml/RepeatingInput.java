package io.datamapper.format.xml;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A lazily generated document: {@code head}, then {@code filler} {@code times} times, then {@code
 * tail}.
 */
final class RepeatingInput extends InputStream {
  private final byte[] head;
  private final byte[] filler;
  private final byte[] tail;
  private final long total;
  private long pos;

  RepeatingInput(String head, String filler, long times, String tail) {
    this.head = head.getBytes(StandardCharsets.UTF_8);
    this.filler = filler.getBytes(StandardCharsets.UTF_8);
    this.tail = tail.getBytes(StandardCharsets.UTF_8);
    this.total = this.head.length + this.filler.length * times + this.tail.length;
  }

  long position() {
    return pos;
  }

  @Override
  public int read() {
    if (pos >= total) return -1;
    long p = pos++;
    if (p < head.length) return head[(int) p] & 0xFF;
    p -= head.length;
    long body = total - head.length - tail.length;
    if (p < body) return filler[(int) (p % filler.length)] & 0xFF;
    return tail[(int) (p - body)] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) return 0;
    if (pos >= total) return -1;
    int n = 0;
    while (n < len && pos < total) {
      b[off + n++] = (byte) read();
    }
    return n;
  }
}
