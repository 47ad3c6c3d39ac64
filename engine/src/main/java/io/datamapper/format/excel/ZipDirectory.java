package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a ZIP archive's central directory before {@link java.util.zip.ZipFile} reads it whole onto
 * the heap: its size must stay under {@link ReadLimits#maxXlsxMetadataBytes()} and its entries
 * under {@link XlsxPackage#MAX_ENTRIES}. A real workbook's directory is a few KB. Reads only the
 * end records (ZIP and ZIP64). Stateless.
 */
final class ZipDirectory {
  private static final int END = 0x06054b50;
  private static final int END64_LOCATOR = 0x07064b50;
  private static final int END64 = 0x06064b50;
  private static final int END_SIZE = 22;

  private ZipDirectory() {}

  static void check(Path file, String fileName, ReadLimits limits) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      int tail = (int) Math.min(size, END_SIZE + 0xFFFF);
      ByteBuffer b = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      read(ch, b, size - tail);
      int at = -1;
      for (int i = tail - END_SIZE; i >= 0; i--) {
        if (b.getInt(i) == END) {
          at = i;
          break;
        }
      }
      if (at < 0) return; // not found: ZipFile says the archive is corrupt, in its words
      long entries = b.getShort(at + 10) & 0xFFFF;
      long directory = b.getInt(at + 12) & 0xFFFFFFFFL;
      if ((entries == 0xFFFF || directory == 0xFFFFFFFFL)
          && at >= 20
          && b.getInt(at - 20) == END64_LOCATOR) {
        long end64 = b.getLong(at - 20 + 8);
        if (end64 >= 0 && end64 + 56 <= size) {
          ByteBuffer z = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
          read(ch, z, end64);
          if (z.getInt(0) == END64) {
            entries = z.getLong(32);
            directory = z.getLong(40);
          }
        }
      }
      if (directory > limits.maxXlsxMetadataBytes() || directory < 0) {
        throw new io.datamapper.format.LimitExceededException(
            fileName,
            "the ZIP directory of the xlsx file is "
                + Sizes.bytes(directory)
                + ", more than any workbook needs",
            limits.maxXlsxMetadataBytes(),
            ReadLimits.XLSX_METADATA);
      }
      if (entries > XlsxPackage.MAX_ENTRIES || entries < 0) {
        throw new BadFileException(
            fileName
                + ": the xlsx (ZIP) file lists "
                + Sizes.count(entries)
                + " entries, more than "
                + Sizes.count(XlsxPackage.MAX_ENTRIES)
                + "; the file is damaged or hostile");
      }
    }
  }

  private static void read(FileChannel ch, ByteBuffer b, long position) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) break;
    }
  }
}
