package io.datamapper.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream into characters: the mapping's encoding when given, else the one {@link
 * CharsetDetector} finds in the first 64 KB; a byte-order mark is skipped either way. Malformed
 * bytes stop a UTF-8/UTF-16 read (the reader names where); in single-byte encodings the few
 * undefined bytes become U+FFFD.
 */
public final class TextInput {
  static final int SAMPLE = 64 * 1024;

  /** Read-ahead: large reads keep system calls out of the parsing thread's profile. */
  static final int BUFFER = 1024 * 1024;

  private TextInput() {}

  /** A reader and the charset it decodes. */
  public record Opened(Reader reader, Charset charset) {}

  public static Opened open(InputStream raw, String encoding) throws IOException {
    BufferedInputStream in =
        raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, BUFFER);
    in.mark(SAMPLE);
    byte[] sample = in.readNBytes(SAMPLE);
    in.reset();
    Charset charset;
    int bom;
    if (encoding != null && !encoding.isBlank()) {
      charset = Charset.forName(encoding);
      bom = CharsetDetector.bomLength(sample, sample.length, charset);
    } else {
      CharsetDetector.Detected d = CharsetDetector.detect(sample, sample.length);
      charset = d.charset();
      bom = d.bomLength();
    }
    in.skipNBytes(bom);
    // Unicode encodings are checked strictly: a bad byte past the detection sample means the
    // guess was wrong, and turning it into U+FFFD would load a wrong value without a word.
    // Single-byte encodings decode every byte; their few unmapped ones become U+FFFD.
    CodingErrorAction onBad =
        charset.name().startsWith("UTF") ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
    if (charset.equals(StandardCharsets.UTF_8)) {
      // the common case, decoded strictly as the JDK would, at a fraction of its CPU
      return new Opened(new Utf8Reader(in), charset);
    }
    var decoder = charset.newDecoder().onMalformedInput(onBad).onUnmappableCharacter(onBad);
    return new Opened(new InputStreamReader(in, decoder), charset);
  }
}
