package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An xlsx shared-strings table kept in a temporary file: the strings are written there once,
 * in UTF-8, and only their offsets (4 bytes each) and a small cache of recent strings stay on
 * the heap. Used for workbooks whose table would not fit the heap. Not thread-safe.
 */
final class SharedStrings implements Closeable {
  private static final int CACHE = 4096;
  /** Excel's own limit on the length of a cell's text. */
  static final int MAX_CHARS = 32_767;

  private final Path file;
  private final FileChannel channel;
  /** The strings file mapped into memory (off-heap, paged by the OS): a lookup is a copy, not a system call. */
  private final java.nio.MappedByteBuffer mapped;
  private final int[] offsets; // offsets[i]..offsets[i+1] hold string i
  private final int count;
  private final String fileName;
  private final Map<Integer, String> cache = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
      return size() > CACHE;
    }
  };

  private SharedStrings(Path file, int[] offsets, int count, String fileName) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    this.offsets = offsets;
    this.count = count;
    this.fileName = fileName;
  }

  /** Reads the table from {@code xml} (null: an empty table) into a temporary file. */
  static SharedStrings spill(InputStream xml, String fileName) throws IOException {
    Path file = Files.createTempFile("datamapper-", ".strings");
    try {
      int[] offsets = new int[1024];
      int count = 0;
      long written = 0;
      if (xml != null) {
        try (xml; OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
          XMLStreamReader r = XlsxPackage.xml().createXMLStreamReader(xml);
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
                  throw new BadFileException(fileName + ": a shared string is longer than Excel allows (" + MAX_CHARS + " characters)");
                }
              }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
              String name = r.getLocalName();
              if ("rPh".equals(name)) {
                phonetic--;
              } else if ("si".equals(name)) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                if (written + bytes.length > Integer.MAX_VALUE) {
                  throw new BadFileException(fileName + ": the shared-strings table is larger than 2 GB; save the sheet as CSV");
                }
                out.write(bytes);
                if (count + 1 >= offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
                offsets[count++] = (int) written;
                written += bytes.length;
              }
            }
          }
        } catch (XMLStreamException e) {
          throw new BadFileException(fileName + ": the shared-strings table is not valid XML (" + e.getMessage() + ")", e);
        }
      }
      offsets = Arrays.copyOf(offsets, count + 1);
      offsets[count] = (int) written;
      return new SharedStrings(file, offsets, count, fileName);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  int size() {
    return count;
  }

  /** String {@code index}; an index the table does not have is a {@link BadFileException}. */
  String get(int index) throws IOException {
    if (index < 0 || index >= count) {
      throw new BadFileException(fileName + ": a cell refers to shared string " + index + ", but the table has " + count);
    }
    String s = cache.get(index);
    if (s != null) return s;
    int from = offsets[index];
    byte[] bytes = new byte[offsets[index + 1] - from];
    mapped.get(from, bytes);
    s = new String(bytes, StandardCharsets.UTF_8);
    cache.put(index, s);
    return s;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
