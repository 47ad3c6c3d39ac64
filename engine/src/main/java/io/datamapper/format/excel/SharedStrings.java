package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An xlsx shared-strings table kept in temporary files: the strings are written once in UTF-8,
 * their offsets (4 bytes each) in a second file, both memory-mapped (off the heap, paged by the
 * OS), so the table costs the heap only a small cache of recent short strings, however many strings
 * it holds. The number of strings and their total size are bounded by {@link
 * ReadLimits#maxSharedStrings()} and {@link ReadLimits#maxSharedStringsBytes()}. Not thread-safe.
 */
final class SharedStrings implements Closeable {
  private static final int CACHE = 4096; // a power of two
  private static final byte[] SI = "si".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T = "t".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RPH = "rPh".getBytes(StandardCharsets.US_ASCII);

  /** Strings up to this length are cached; longer ones are rare and would make the cache large. */
  private static final int CACHED_CHARS = 256;

  /** Excel's own limit on the length of a cell's text. */
  static final int MAX_CHARS = 32_767;

  private final Path strings;
  private final Path offsetsFile;
  private final MappedByteBuffer text;
  private final MappedByteBuffer offsets; // int i and i+1 bound string i
  private final int count;
  private final String fileName;
  // direct-mapped by index: cheaper than an LRU map, and a column of repeated strings still hits
  private final String[] cache = new String[CACHE];
  private final int[] cached = new int[CACHE];
  private byte[] scratch = new byte[256];

  private SharedStrings(Path strings, Path offsetsFile, int count, String fileName)
      throws IOException {
    this.strings = strings;
    this.offsetsFile = offsetsFile;
    this.text = map(strings);
    this.offsets = map(offsetsFile);
    this.count = count;
    this.fileName = fileName;
  }

  private static MappedByteBuffer map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ch.map(
          FileChannel.MapMode.READ_ONLY, 0, ch.size()); // the mapping outlives the channel
    }
  }

  /** Reads the table from {@code xml} (null: an empty table) into temporary files. */
  static SharedStrings spill(InputStream xml, XlsxPackage pkg) throws IOException {
    String fileName = pkg.fileName();
    ReadLimits limits = pkg.limits();
    Path file = Files.createTempFile("datamapper-", ".strings");
    Path offsetsFile = null;
    try {
      offsetsFile = Files.createTempFile("datamapper-", ".offsets");
      int count = 0;
      long written = 0;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          DataOutputStream offsets =
              new DataOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(offsetsFile), 1 << 16))) {
        if (xml != null) {
          try (xml) {
            XmlBytes r =
                new XmlBytes(
                    XmlEncoding.utf8(xml), limits.maxNestingDepth(), limits.maxValueChars());
            ByteText text = new ByteText();
            int phonetic = 0;
            int event;
            while ((event = r.next()) != XmlBytes.EOF) {
              if (event == XmlBytes.START) {
                if (r.is(SI)) {
                  text.clear();
                } else if (r.is(RPH)) {
                  phonetic++;
                } else if (r.is(T) && phonetic == 0 && !r.empty()) {
                  if (!r.text(text, text.chars() + limits.maxValueChars())) {
                    throw new LimitExceededException(
                        fileName,
                        "a text in the shared-strings table is longer than "
                            + Sizes.count(limits.maxValueChars())
                            + " characters",
                        limits.maxValueChars(),
                        ReadLimits.VALUE);
                  }
                  if (text.chars() > MAX_CHARS * 4) {
                    throw new BadFileException(
                        fileName
                            + ": a shared string is longer than Excel allows ("
                            + MAX_CHARS
                            + " characters)");
                  }
                }
              } else if (r.is(RPH)) {
                phonetic--;
              } else if (r.is(SI)) {
                if (count >= limits.maxSharedStrings()) {
                  throw new LimitExceededException(
                      fileName,
                      "the shared-strings table holds more than "
                          + Sizes.count(limits.maxSharedStrings())
                          + " strings",
                      limits.maxSharedStrings(),
                      ReadLimits.SHARED_STRINGS);
                }
                if (written + text.length() > limits.maxSharedStringsBytes()) {
                  throw new LimitExceededException(
                      fileName,
                      "the shared-strings table is larger than "
                          + Sizes.bytes(limits.maxSharedStringsBytes()),
                      limits.maxSharedStringsBytes(),
                      ReadLimits.SHARED_STRINGS_SIZE);
                }
                offsets.writeInt((int) written);
                out.write(text.bytes(), 0, text.length());
                written += text.length();
                count++;
              }
            }
          } catch (XmlBytes.TooLarge e) {
            throw e.depth
                ? new LimitExceededException(
                    fileName,
                    "the shared-strings table nests elements more than " + e.limit + " levels deep",
                    e.limit,
                    ReadLimits.DEPTH)
                : new LimitExceededException(
                    fileName,
                    "a tag in the shared-strings table is longer than "
                        + Sizes.count(e.limit)
                        + " characters",
                    e.limit,
                    ReadLimits.VALUE);
          } catch (XmlBytes.Malformed | java.util.zip.ZipException e) {
            throw new BadFileException(
                fileName
                    + ": the shared-strings table is corrupt or not valid XML ("
                    + e.getMessage()
                    + ")",
                e);
          }
        }
        offsets.writeInt((int) written);
      }
      return new SharedStrings(file, offsetsFile, count, fileName);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(file);
      if (offsetsFile != null) Files.deleteIfExists(offsetsFile);
      throw e;
    }
  }

  int size() {
    return count;
  }

  /** String {@code index}; an index the table does not have is a {@link BadFileException}. */
  String get(int index) throws IOException {
    if (index < 0 || index >= count) {
      throw new BadFileException(
          fileName + ": a cell refers to shared string " + index + ", but the table has " + count);
    }
    int slot = index & (CACHE - 1);
    String s = cache[slot];
    if (s != null && cached[slot] == index) return s;
    int from = offsets.getInt(index * 4);
    int n = offsets.getInt(index * 4 + 4) - from;
    if (n > scratch.length) scratch = new byte[Math.max(n, scratch.length * 2)];
    text.get(from, scratch, 0, n); // decoded from a reused array: one allocation, the String
    s = new String(scratch, 0, n, StandardCharsets.UTF_8);
    if (s.length() <= CACHED_CHARS) {
      cache[slot] = s;
      cached[slot] = index;
    }
    return s;
  }

  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(strings);
    } finally {
      Files.deleteIfExists(offsetsFile);
    }
  }
}
