package io.datamapper.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Records from the middle and the end of a big seekable file, so that detection sees more than the
 * head (values that only appear later: a wider number, a null token, a date that settles DD/MM).
 * Each region is {@link #REGION_BYTES} read with one positional read, so the cost does not grow
 * with the file. A region starts at a record boundary: it skips to a line break and, since a line
 * break may lie inside a quoted field, accepts a start only when the records parsed from it all
 * have the table's field count; it tries the next line break otherwise, and gives up (returns
 * nothing for that region) after {@link #MAX_STARTS}. Stateless.
 */
final class SampleRegions {
  /** Bytes read at each of the middle and the end. */
  static final int REGION_BYTES = 256 * 1024;

  /**
   * Files smaller than this are sampled from the head only (the head covers half of them or more).
   */
  static final long MIN_FILE_BYTES = 2L * Detector.SAMPLE_BYTES;

  /** Line breaks tried as a region's first record boundary. */
  static final int MAX_STARTS = 32;

  /** Records that must parse with the right field count to trust a start. */
  static final int CHECK_RECORDS = 8;

  private SampleRegions() {}

  /**
   * Records of the middle and the end, in that order, leaving out a region that would start inside
   * the {@code headBytes} already sampled; empty when none could be aligned.
   */
  static List<List<String>> read(
      Path file, Charset charset, DialectSniffer.Result dialect, int width, long headBytes) {
    List<List<String>> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < MIN_FILE_BYTES || width < 2) return out;
      int unit = charset.name().startsWith("UTF-16") ? 2 : 1;
      for (long pos : new long[] {size / 2, size - REGION_BYTES}) {
        pos -= pos % unit;
        if (pos < headBytes) continue; // the head sample has these records already
        ByteBuffer buf = ByteBuffer.allocate(REGION_BYTES);
        while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {
          // positional reads until the region is full or the file ends
        }
        buf.flip();
        String text =
            charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(buf)
                .toString();
        out.addAll(aligned(text, dialect, width, pos + REGION_BYTES >= size));
      }
    } catch (IOException e) {
      return List.of(); // the head sample still stands; a region is only extra evidence
    }
    return out;
  }

  /**
   * The records of {@code text} from the first line break after which {@link #CHECK_RECORDS}
   * records parse with {@code width} fields; the last record is dropped unless the region ends the
   * file (it may be cut).
   */
  static List<List<String>> aligned(
      String text, DialectSniffer.Result dialect, int width, boolean endsFile) {
    int start = 0;
    for (int tries = 0; tries < MAX_STARTS; tries++) {
      start = nextLine(text, start);
      if (start < 0) return List.of();
      CandidateParse.Parsed p =
          dialect.escape() == '\\'
              ? Escapes.parse(
                  text.substring(start),
                  dialect.delimiter(),
                  dialect.quote(),
                  Detector.SAMPLE_RECORDS,
                  !endsFile)
              : CandidateParse.parse(
                  text.substring(start),
                  dialect.delimiter(),
                  dialect.quote(),
                  Detector.SAMPLE_RECORDS,
                  !endsFile);
      List<List<String>> records = p.records();
      if (p.error() == null
          && records.size() >= Math.min(CHECK_RECORDS, 2)
          && allWidth(records, width)) {
        return records;
      }
    }
    return List.of();
  }

  private static boolean allWidth(List<List<String>> records, int width) {
    int n = Math.min(CHECK_RECORDS, records.size());
    for (int i = 0; i < n; i++) {
      if (records.get(i).size() != width) return false;
    }
    return true;
  }

  /** The index just after the next line break at or after {@code from}, or -1. */
  private static int nextLine(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') return i + 1;
      if (c == '\r') return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
    }
    return -1;
  }
}
