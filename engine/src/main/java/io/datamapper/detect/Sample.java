package io.datamapper.detect;

import io.datamapper.format.CharsetDetector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a file, decoded. {@code truncated} is true when the file may go on past the
 * sample, so the last record in {@code text} may be cut off. Immutable.
 */
record Sample(
    String text,
    Charset charset,
    int bomLength,
    boolean truncated,
    int bytes,
    boolean ascii,
    String archive) {

  /** Reads at most {@code limit} bytes; never asks the stream for more. */
  static Sample read(InputStream in, int limit) throws IOException {
    byte[] buf = in.readNBytes(limit);
    if (buf.length == limit && lineBreaks(buf) < FEW_LINES) {
      // a few huge fields filled the sample: read on (up to 16×) so there are rows to type
      byte[] more = in.readNBytes(limit * (LONG_RECORDS_FACTOR - 1));
      byte[] all = java.util.Arrays.copyOf(buf, buf.length + more.length);
      System.arraycopy(more, 0, all, buf.length, more.length);
      limit = limit * LONG_RECORDS_FACTOR;
      buf = all;
    }
    CharsetDetector.Detected detected = CharsetDetector.detect(buf, buf.length);
    int bom = detected.bomLength();
    String text;
    try {
      // a character cut at the end of the sample becomes U+FFFD in the last record, which is
      // dropped
      text =
          detected
              .charset()
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(buf, bom, buf.length - bom))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("decoder set to REPLACE reported an error", e);
    }
    return new Sample(
        text, detected.charset(), bom, buf.length == limit, buf.length, isAscii(buf), archive(buf));
  }

  /** Fewer line breaks than this in a full sample mean very long records. */
  static final int FEW_LINES = 50;

  static final int LONG_RECORDS_FACTOR = 16;

  private static int lineBreaks(byte[] b) {
    int n = 0;
    for (byte x : b) {
      if (x == '\n') n++;
    }
    return n;
  }

  /** "gzip" or "ZIP" when the bytes start like a compressed file rather than text, else null. */
  private static String archive(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) return "gzip";
    if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return "ZIP";
    return null;
  }

  /** The human description of the encoding choice. */
  String encodingEvidence() {
    String name = charset.name();
    if (bomLength > 0) return "encoding " + name + " (byte-order mark)";
    if (charset.equals(StandardCharsets.UTF_8)) {
      return ascii
          ? "encoding UTF-8 (the sample is plain ASCII, which UTF-8 reads unchanged)"
          : "encoding UTF-8 (the sample is valid UTF-8)";
    }
    if (charset.equals(CharsetDetector.WINDOWS_1252)) {
      return "encoding windows-1252: the sample is not valid UTF-8; windows-1252 also reads ISO-8859-1 text";
    }
    if (name.startsWith("UTF-16")) return "encoding " + name + " (every other byte is zero)";
    return "encoding "
        + name
        + ": the sample is not valid UTF-8 and its byte statistics match "
        + name
        + " (juniversalchardet); set source.encoding if that is wrong";
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) return false;
    }
    return true;
  }
}
