package io.datamapper.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A strict UTF-8 {@link Reader}: the same characters, and for bad input the same {@link
 * MalformedInputException} (same input length), as {@code new InputStreamReader(in,
 * UTF_8.newDecoder())} with {@code REPORT} for malformed input, but cheaper on text that is mostly
 * ASCII with a few accented letters. The JDK decoder takes its vectorized ASCII path only up to the
 * first non-ASCII byte of each buffer and goes byte by byte for the rest; this one goes back to a
 * bulk ASCII path (the JDK's own vectorized ASCII copy, through its US-ASCII decoder) after every
 * multi-byte character. The multi-byte rules are the JDK's, line by line: no overlong forms, no
 * surrogates, nothing above U+10FFFF, a sequence cut off by the end of the stream is malformed.
 *
 * <p>Characters before a bad sequence are returned first; the exception comes with the read that
 * reaches it (the JDK's reader drops the characters decoded in the same call), so the reader above
 * has seen every complete line before the bad bytes. A byte-order mark is not skipped (neither does
 * the JDK's UTF-8 decoder): {@link TextInput} skips it. Not thread-safe.
 */
final class Utf8Reader extends Reader {
  /** Bytes read from the stream at a time: few reads, and the buffer stays in the L2 cache. */
  static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  private boolean eof;
  private final CharsetDecoder ascii = StandardCharsets.US_ASCII.newDecoder();
  private final ByteBuffer bytes;

  /** Wraps the caller's array (the same one on every call, as a rule). */
  private CharBuffer chars;

  /** Length of the malformed sequence at {@link #pos}, 0 when none was met. */
  private int malformed;

  /** Second half of a supplementary character when the caller's array had room for one char. */
  private char pendingLow;

  Utf8Reader(InputStream in) {
    this(in, BUFFER);
  }

  /** {@code bufferSize} (at least 4) is for tests that split sequences at buffer ends. */
  Utf8Reader(InputStream in, int bufferSize) {
    this.in = Objects.requireNonNull(in);
    this.buf = new byte[Math.max(4, bufferSize)];
    this.bytes = ByteBuffer.wrap(buf);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) return 0;
    int dp = off;
    if (pendingLow != 0) {
      cbuf[dp++] = pendingLow;
      pendingLow = 0;
      if (len == 1) return 1;
    }
    while (true) {
      dp = decode(cbuf, dp, off + len);
      if (dp > off) return dp - off;
      if (malformed > 0) throw new MalformedInputException(malformed);
      if (!fill()) {
        if (pos == lim) return -1;
        // a sequence cut off by the end of the input: the JDK reports all its bytes
        throw new MalformedInputException(lim - pos);
      }
    }
  }

  @Override
  public boolean ready() throws IOException {
    return pendingLow != 0 || pos < lim || in.available() > 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Moves the undecoded tail (at most 3 bytes) to the front and reads more; false at the end. */
  private boolean fill() throws IOException {
    if (eof) return false;
    int left = lim - pos;
    System.arraycopy(buf, pos, buf, 0, left);
    pos = 0;
    lim = left;
    int n;
    do {
      n = in.read(buf, lim, buf.length - lim);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    lim += n;
    return true;
  }

  /**
   * Decodes from {@link #pos} into {@code da[dp..dl)} until the bytes or the room run out or a bad
   * sequence is met ({@link #malformed} then says its length); returns the new {@code dp}.
   */
  private int decode(char[] da, int dp, int dl) {
    malformed = 0;
    byte[] sa = buf;
    int sp = pos;
    int sl = lim;
    while (sp < sl && dp < dl) {
      int b1 = sa[sp];
      if (b1 >= 0) {
        // the US-ASCII decoder's loop is a JIT intrinsic: it copies and stops at the first byte
        // above 0x7F (measured: twice as fast as a Java loop testing eight bytes at a time)
        int n = Math.min(sl - sp, dl - dp);
        CharBuffer cb = chars;
        if (cb == null || cb.array() != da) chars = cb = CharBuffer.wrap(da);
        bytes.limit(sp + n).position(sp);
        cb.limit(dp + n).position(dp);
        ascii.decode(bytes, cb, false);
        sp = bytes.position();
        dp = cb.position();
      } else if ((b1 >> 5) == -2 && (b1 & 0x1e) != 0) {
        // 2 bytes: [C2..DF] [80..BF]
        if (sl - sp < 2) break;
        int b2 = sa[sp + 1];
        if (notContinuation(b2)) {
          malformed = 1;
          break;
        }
        da[dp++] = (char) (((b1 << 6) ^ b2) ^ (((byte) 0xC0 << 6) ^ ((byte) 0x80)));
        sp += 2;
      } else if ((b1 >> 4) == -2) {
        // 3 bytes: [E0] [A0..BF] [80..BF] or [E1..EF] [80..BF] [80..BF], no surrogates
        int remaining = sl - sp;
        if (remaining < 3) {
          if (remaining > 1 && Utf8Rules.malformed3of2(b1, sa[sp + 1])) malformed = 1;
          break;
        }
        int b2 = sa[sp + 1];
        int b3 = sa[sp + 2];
        if (Utf8Rules.malformed3(b1, b2, b3)) {
          malformed = Utf8Rules.malformed3of2(b1, b2) ? 1 : 2;
          break;
        }
        char c =
            (char)
                ((b1 << 12)
                    ^ (b2 << 6)
                    ^ (b3 ^ (((byte) 0xE0 << 12) ^ ((byte) 0x80 << 6) ^ ((byte) 0x80))));
        if (Character.isSurrogate(c)) {
          malformed = 3;
          break;
        }
        da[dp++] = c;
        sp += 3;
      } else if ((b1 >> 3) == -2) {
        // 4 bytes: [F0] [90..BF] .. .., [F1..F3] [80..BF] .. .., [F4] [80..8F] .. ..
        int remaining = sl - sp;
        if (remaining < 4) {
          malformed = Utf8Rules.malformed4Prefix(sa, sp, remaining);
          break;
        }
        int b2 = sa[sp + 1];
        int b3 = sa[sp + 2];
        int b4 = sa[sp + 3];
        int uc =
            (b1 << 18)
                ^ (b2 << 12)
                ^ (b3 << 6)
                ^ (b4
                    ^ (((byte) 0xF0 << 18)
                        ^ ((byte) 0x80 << 12)
                        ^ ((byte) 0x80 << 6)
                        ^ ((byte) 0x80)));
        if (Utf8Rules.malformed4(b2, b3, b4) || !Character.isSupplementaryCodePoint(uc)) {
          malformed = Utf8Rules.malformed4Length(b1, b2, b3);
          break;
        }
        da[dp++] = Character.highSurrogate(uc);
        char low = Character.lowSurrogate(uc);
        if (dp < dl) {
          da[dp++] = low;
        } else {
          pendingLow = low;
        }
        sp += 4;
      } else {
        // a continuation byte, C0, C1 or F8..FF where a sequence should start
        malformed = 1;
        break;
      }
    }
    pos = sp;
    return dp;
  }

  private static boolean notContinuation(int b) {
    return (b & 0xc0) != 0x80;
  }
}
