package io.datamapper.load.copy;

import java.util.Objects;

/**
 * A filled buffer handed out by {@link BinaryCopyEncoder#takeChunk()}: bytes {@code [0, length)} of
 * {@code bytes} are binary COPY data, ready for pgjdbc's {@code CopyIn.writeToCopy(bytes, 0,
 * length)}. The array is shared, not copied: whoever holds the chunk owns it until passing it to
 * {@link BinaryCopyEncoder#recycle}. Never null fields.
 */
public record CopyChunk(byte[] bytes, int length) {
  public CopyChunk {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(0, length, bytes.length);
  }
}
