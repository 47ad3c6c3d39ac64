package io.datamapper.ledger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes a file's SHA-256 and counts its bytes while the import streams it, so the file is read
 * once. {@link #bytesRead()} may be read from another thread for progress. Not thread-safe for
 * reading.
 */
public final class FileFingerprint extends FilterInputStream {
  private final MessageDigest digest = sha256();
  private volatile long bytes;

  public FileFingerprint(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      bytes++;
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      digest.update(buf, off, n);
      bytes += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipping would leave bytes out of the hash: read them instead
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) break;
      left -= r;
    }
    return n - left;
  }

  /**
   * Always 0: readers above (InputStreamReader) ask before every fill, and on a file that costs a
   * system call each time; 0 only means "unknown".
   */
  @Override
  public int available() {
    return 0;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  public long bytesRead() {
    return bytes;
  }

  /**
   * Reads the rest of the stream (so the hash covers the whole file) and returns the hex SHA-256.
   */
  public String finish() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // drain
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of a whole file, for refusing a duplicate before importing it. */
  public static String of(Path file) throws IOException {
    try (FileFingerprint f = new FileFingerprint(Files.newInputStream(file))) {
      return f.finish();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
