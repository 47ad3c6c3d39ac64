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
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An xlsx shared-strings table kept in temporary files: the strings are written once in UTF-8,
 * their offsets (4 bytes each) in a second file, both memory-mapped (off the heap, paged by the
 * OS), so the table costs the heap only a small cache of recent short strings, however many strings
 * it holds. The number of strings and their total size are bounded by {@link
 * ReadLimits#maxSharedStrings()} and {@link ReadLimits#maxSharedStringsBytes()}. Not thread-safe.
 */
final class SharedStrings implements Closeable {
  private static final int CACHE = 4096;

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
  private final Map<Integer, String> cache =
      new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
          return size() > CACHE;
        }
      };

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
            XMLStreamReader r = pkg.xml().createXMLStreamReader(xml);
            StringBuilder text = new StringBuilder();
            int phonetic = 0;
            while (r.hasNext()) {
              int event = r.next();
              if (event == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                if ("si".equals(name)) {
                  text.setLength(0);
                } else if ("rPh".equals(name)) {
                  phonetic++;
                } else if ("t".equals(name) && phonetic == 0) {
                  text.append(r.getElementText());
                  if (text.length() > MAX_CHARS * 4) {
                    throw new BadFileException(
                        fileName
                            + ": a shared string is longer than Excel allows ("
                            + MAX_CHARS
                            + " characters)");
                  }
                }
              } else if (event == XMLStreamConstants.END_ELEMENT) {
                String name = r.getLocalName();
                if ("rPh".equals(name)) {
                  phonetic--;
                } else if ("si".equals(name)) {
                  if (count >= limits.maxSharedStrings()) {
                    throw new LimitExceededException(
                        fileName,
                        "the shared-strings table holds more than "
                            + Sizes.count(limits.maxSharedStrings())
                            + " strings",
                        limits.maxSharedStrings(),
                        ReadLimits.SHARED_STRINGS);
                  }
                  byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                  if (written + bytes.length > limits.maxSharedStringsBytes()) {
                    throw new LimitExceededException(
                        fileName,
                        "the shared-strings table is larger than "
                            + Sizes.bytes(limits.maxSharedStringsBytes()),
                        limits.maxSharedStringsBytes(),
                        ReadLimits.SHARED_STRINGS_SIZE);
                  }
                  offsets.writeInt((int) written);
                  out.write(bytes);
                  written += bytes.length;
                  count++;
                }
              }
            }
          } catch (XMLStreamException e) {
            LimitExceededException over =
                XlsxPackage.overLimit(fileName, "the shared-strings table", e);
            if (over != null) throw over;
            throw new BadFileException(
                fileName + ": the shared-strings table is not valid XML (" + e.getMessage() + ")",
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
    String s = cache.get(index);
    if (s != null) return s;
    int from = offsets.getInt(index * 4);
    byte[] bytes = new byte[offsets.getInt(index * 4 + 4) - from];
    text.get(from, bytes);
    s = new String(bytes, StandardCharsets.UTF_8);
    if (s.length() <= CACHED_CHARS) cache.put(index, s);
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
