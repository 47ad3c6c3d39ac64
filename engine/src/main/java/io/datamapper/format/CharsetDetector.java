package io.datamapper.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Guesses the encoding of a text file from its first bytes: a byte-order mark wins; then UTF-16
 * without BOM when every other byte is zero; then strict UTF-8 (a multi-byte sequence cut off at
 * the end of the sample is allowed); then juniversalchardet's statistical guess when it names a
 * single-byte or East-Asian encoding we trust it on (windows-125x, ISO-8859-x, KOI8-R, Shift_JIS,
 * EUC-JP/KR, GB18030, Big5); else windows-1252, which also reads ISO-8859-1 text. A mapping's
 * {@code source.encoding} overrides all of this. Stateless.
 */
public final class CharsetDetector {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private CharsetDetector() {}

  /** The detected charset and the length of the byte-order mark to skip. */
  public record Detected(Charset charset, int bomLength) {}

  public static Detected detect(byte[] sample, int length) {
    if (length >= 3
        && (sample[0] & 0xFF) == 0xEF
        && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF) {
      return new Detected(StandardCharsets.UTF_8, 3);
    }
    if (length >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
      return new Detected(StandardCharsets.UTF_16LE, 2);
    }
    if (length >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
      return new Detected(StandardCharsets.UTF_16BE, 2);
    }
    if (looksUtf16(sample, length, 1)) return new Detected(StandardCharsets.UTF_16LE, 0);
    if (looksUtf16(sample, length, 0)) return new Detected(StandardCharsets.UTF_16BE, 0);
    if (isUtf8(sample, length)) return new Detected(StandardCharsets.UTF_8, 0);
    Charset guessed = statisticalGuess(sample, length);
    return new Detected(guessed != null ? guessed : WINDOWS_1252, 0);
  }

  /**
   * Encodings juniversalchardet tells apart well; its other answers (DOS and Mac code pages) are
   * often wrong on short Western text.
   */
  private static final Set<String> TRUSTED =
      Set.of(
          "WINDOWS-1250",
          "WINDOWS-1251",
          "WINDOWS-1253",
          "WINDOWS-1255",
          "WINDOWS-1256",
          "WINDOWS-1257",
          "WINDOWS-1258",
          "ISO-8859-2",
          "ISO-8859-5",
          "ISO-8859-7",
          "ISO-8859-8",
          "ISO-8859-9",
          "KOI8-R",
          "SHIFT_JIS",
          "EUC-JP",
          "EUC-KR",
          "GB18030",
          "BIG5",
          "EUC-TW");

  private static Charset statisticalGuess(byte[] sample, int length) {
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(sample, 0, length);
    detector.dataEnd();
    String name = detector.getDetectedCharset();
    if (name == null || !TRUSTED.contains(name.toUpperCase(Locale.ROOT))) return null;
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** BOM length for a known charset (0 when there is none). */
  public static int bomLength(byte[] sample, int length, Charset charset) {
    Detected d = detect(sample, length);
    return d.charset().equals(charset) ? d.bomLength() : 0;
  }

  private static boolean looksUtf16(byte[] b, int length, int zeroOffset) {
    if (length < 8) return false;
    int pairs = Math.min(length, 4096) / 2;
    int zeros = 0;
    for (int i = 0; i < pairs; i++) {
      if (b[2 * i + zeroOffset] == 0 && b[2 * i + 1 - zeroOffset] != 0) zeros++;
    }
    return zeros > pairs * 0.9;
  }

  private static boolean isUtf8(byte[] b, int length) {
    int end = length;
    // allow a sequence cut at the end of the sample
    int back = 0;
    for (int i = length - 1; i >= 0 && back < 3; i--, back++) {
      int v = b[i] & 0xFF;
      if (v < 0x80) break;
      if (v >= 0xC0) {
        int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : 2;
        if (length - i < need) end = i;
        break;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(b, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
