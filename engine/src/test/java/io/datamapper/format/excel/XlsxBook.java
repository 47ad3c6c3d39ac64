package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * An xlsx workbook read with fastexcel-reader: rows are streamed from the sheet XML; the
 * shared-strings table is read lazily and kept on the heap (see {@link ExcelRecordReader} for when
 * a workbook takes the temp-file path instead). Not thread-safe.
 */
final class XlsxBook implements ExcelBook {
  private final XlsxPackage pkg;
  private final ReadableWorkbook workbook;
  private final List<Sheet> sheets;
  private final CellText text;
  private final String fileName;

  private XlsxBook(XlsxPackage pkg, ReadableWorkbook workbook, String fileName) {
    this.pkg = pkg;
    this.workbook = workbook;
    this.sheets = workbook.getSheets().toList();
    this.text = new CellText(workbook.isDate1904());
    this.fileName = fileName;
  }

  static XlsxBook open(XlsxPackage pkg, Path file, String fileName) throws IOException {
    ReadableWorkbook wb;
    try {
      wb = new ReadableWorkbook(file.toFile(), new ReadingOptions(pkg.hasStyles(), true));
    } catch (IOException | RuntimeException e) {
      throw new BadFileException(
          fileName + " is not a readable xlsx workbook: " + ExcelRecordReader.describe(e), e);
    }
    return new XlsxBook(pkg, wb, fileName);
  }

  @Override
  public String kind() {
    return "xlsx";
  }

  @Override
  public List<SheetInfo> sheets() {
    return sheets.stream()
        .map(s -> new SheetInfo(s.getName(), s.getVisibility() == SheetVisibility.VISIBLE))
        .toList();
  }

  @Override
  public List<Merge> merges(int index) throws IOException {
    return pkg.merges(sheets.get(index).getId());
  }

  @Override
  public SheetRows rows(int index) throws IOException {
    Sheet sheet = sheets.get(index);
    Stream<Row> stream;
    try {
      stream = sheet.openStream();
    } catch (IOException | RuntimeException e) {
      throw new BadFileException(
          fileName
              + ": sheet '"
              + sheet.getName()
              + "' cannot be read: "
              + ExcelRecordReader.describe(e),
          e);
    }
    Iterator<Row> it = stream.iterator();
    RowBuilder builder = new RowBuilder();
    return new SheetRows() {
      private int last;

      @Override
      public SheetRow next() throws IOException {
        while (true) {
          Row row;
          try {
            if (!it.hasNext()) return null;
            row = it.next();
          } catch (UncheckedIOException e) {
            throw new BadFileException(
                fileName
                    + ": sheet '"
                    + sheet.getName()
                    + "' after row "
                    + last
                    + " cannot be read: "
                    + ExcelRecordReader.describe(e.getCause()),
                e);
          } catch (RuntimeException e) {
            throw new BadFileException(
                fileName
                    + ": sheet '"
                    + sheet.getName()
                    + "' after row "
                    + last
                    + " cannot be read: "
                    + ExcelRecordReader.describe(e),
                e);
          }
          // rows without an r attribute: fastexcel counts them from 0
          int number = Math.max(row.getRowNum(), last + 1);
          last = number;
          builder.reset();
          for (Cell c : row) {
            if (c != null) builder.set(c.getColumnIndex(), value(c), isText(c));
          }
          SheetRow r = builder.build(number);
          if (r != null) return r;
        }
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  private static boolean isText(Cell c) {
    return switch (c.getType()) {
      case STRING -> true;
      case FORMULA -> c.getValue() instanceof String s && !CellText.isError(s);
      default -> false;
    };
  }

  private String value(Cell c) {
    Object v = c.getValue();
    return switch (c.getType()) {
      case EMPTY -> null;
      case STRING -> v == null ? null : v.toString();
      // also a number or boolean fastexcel could not parse (" 41" from some writers): salvage it
      case ERROR -> v != null ? v.toString() : salvage(c);
      case BOOLEAN -> v == null ? null : v.toString();
      case NUMBER -> number(c);
      case FORMULA -> {
        if (v instanceof BigDecimal) yield number(c);
        yield v == null ? null : v.toString();
      }
    };
  }

  private String salvage(Cell c) {
    String raw = c.getRawValue();
    if (raw == null || raw.isBlank()) return null;
    String s = raw.strip();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
      return s.toLowerCase(java.util.Locale.ROOT);
    try {
      Double.parseDouble(s);
      return number(c);
    } catch (NumberFormatException e) {
      return raw;
    }
  }

  private String number(Cell c) {
    String raw = c.getRawValue();
    if (raw == null || raw.isEmpty()) return null;
    double d;
    try {
      d = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new BadFileException(
          fileName + ": cell " + c.getAddress() + " holds '" + raw + "', which is not a number");
    }
    Integer id = c.getDataFormatId();
    return text.number(d, id == null ? -1 : id, c.getDataFormatString());
  }

  @Override
  public void close() throws IOException {
    try {
      workbook.close();
    } finally {
      pkg.close();
    }
  }
}
