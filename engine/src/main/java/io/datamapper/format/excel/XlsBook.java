package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A legacy xls (BIFF8) workbook read with Apache POI HSSF. HSSF holds the whole workbook in memory
 * (the format caps a sheet at 65,536 rows × 256 columns); a file too large for the heap is refused
 * up front ({@link #HEAP_PER_FILE_BYTE}). Not thread-safe.
 */
final class XlsBook implements ExcelBook {
  /**
   * Heap HSSF needs per byte of file, measured: a 12.6 MB xls of 65,535 rows × 10 columns reads
   * with -Xmx256m and runs out of memory with -Xmx128m. Larger files are refused with a clear
   * message rather than an OutOfMemoryError.
   */
  static final long HEAP_PER_FILE_BYTE = 16;

  private final POIFSFileSystem fs;
  private final HSSFWorkbook workbook;
  private final CellText text;
  private final String fileName;

  private XlsBook(POIFSFileSystem fs, HSSFWorkbook workbook, String fileName) {
    this.fs = fs;
    this.workbook = workbook;
    this.text = new CellText(workbook.getInternalWorkbook().isUsing1904DateWindowing());
    this.fileName = fileName;
  }

  /**
   * Opens an OLE2 file: an xls workbook, or a clear error for an encrypted xlsx or another Office
   * file.
   */
  static XlsBook open(Path file, String fileName) throws IOException {
    long size = java.nio.file.Files.size(file);
    long heap = Runtime.getRuntime().maxMemory();
    if (size * HEAP_PER_FILE_BYTE > heap) {
      throw new BadFileException(
          fileName
              + " is an xls workbook of "
              + (size >> 20)
              + " MB, which needs about "
              + (size * HEAP_PER_FILE_BYTE >> 20)
              + " MB of memory to read (xls cannot be streamed) but this process has "
              + (heap >> 20)
              + " MB: save it as xlsx, or give Data Mapper more memory (-Xmx)");
    }
    POIFSFileSystem fs;
    try {
      fs = new POIFSFileSystem(file.toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new BadFileException(
          fileName
              + " is truncated or corrupt: it starts like an xls (OLE2) file but cannot be read ("
              + ExcelRecordReader.describe(e)
              + "). Save or download it again.",
          e);
    }
    try {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntryCaseInsensitive("EncryptedPackage"))
        throw ExcelRecordReader.passwordProtected(fileName);
      if (!root.hasEntryCaseInsensitive("Workbook")) {
        if (root.hasEntryCaseInsensitive("Book")) {
          throw biff5(fileName, null);
        }
        throw new BadFileException(
            fileName
                + " is an Office 97-2003 file but not an Excel workbook"
                + (root.hasEntryCaseInsensitive("WordDocument") ? " (it is a Word document)" : ""));
      }
      HSSFWorkbook wb = new HSSFWorkbook(root, true);
      return new XlsBook(fs, wb, fileName);
    } catch (EncryptedDocumentException e) {
      fs.close();
      throw ExcelRecordReader.passwordProtected(fileName);
    } catch (OldExcelFormatException e) {
      fs.close();
      throw biff5(fileName, e);
    } catch (BadFileException e) {
      fs.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      fs.close();
      throw new BadFileException(
          fileName
              + " is not a readable xls workbook (corrupt or truncated?): "
              + ExcelRecordReader.describe(e),
          e);
    }
  }

  /** Excel 5.0/95 (a {@code Book} stream): HSSF reads BIFF8 only. */
  private static BadFileException biff5(String fileName, Exception cause) {
    return new BadFileException(
        fileName
            + " is an Excel 5.0/95 workbook (BIFF5), which is not supported: open it in Excel or"
            + " LibreOffice and save it as .xlsx",
        cause);
  }

  @Override
  public String kind() {
    return "xls";
  }

  @Override
  public List<SheetInfo> sheets() {
    try {
      List<SheetInfo> sheets = new ArrayList<>();
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        sheets.add(
            new SheetInfo(
                workbook.getSheetName(i),
                workbook.getSheetVisibility(i) == SheetVisibility.VISIBLE));
      }
      return sheets;
    } catch (RuntimeException e) {
      throw corrupt("its sheet list", e);
    }
  }

  private BadFileException corrupt(String what, RuntimeException e) {
    return new BadFileException(
        fileName
            + " is corrupt: "
            + what
            + " cannot be read ("
            + ExcelRecordReader.describe(e)
            + ")",
        e);
  }

  @Override
  public List<Merge> merges(int index) {
    try {
      List<Merge> merges = new ArrayList<>();
      for (CellRangeAddress r : workbook.getSheetAt(index).getMergedRegions()) {
        merges.add(
            new Merge(
                r.getFirstRow() + 1, r.getLastRow() + 1, r.getFirstColumn(), r.getLastColumn()));
      }
      return merges;
    } catch (RuntimeException e) {
      throw corrupt("the merged cells of sheet " + (index + 1), e);
    }
  }

  @Override
  public SheetRows rows(int index) {
    Sheet sheet;
    Iterator<Row> it;
    try {
      sheet = workbook.getSheetAt(index);
      it = sheet.rowIterator();
    } catch (RuntimeException e) {
      throw corrupt("sheet " + (index + 1), e);
    }
    RowBuilder builder = new RowBuilder();
    return new SheetRows() {
      private int last;

      @Override
      public SheetRow next() {
        try {
          while (it.hasNext()) {
            Row row = it.next();
            last = row.getRowNum() + 1;
            builder.reset();
            for (Cell c : row)
              builder.set(c.getColumnIndex(), value(c, c.getCellType()), isText(c));
            SheetRow r = builder.build(last);
            if (r != null) return r;
          }
          return null;
        } catch (BadFileException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new BadFileException(
              fileName
                  + ": sheet '"
                  + sheet.getSheetName()
                  + "' near row "
                  + last
                  + " cannot be read: "
                  + ExcelRecordReader.describe(e),
              e);
        }
      }

      @Override
      public void close() {
        // the workbook is in memory; nothing per sheet
      }
    };
  }

  private static boolean isText(Cell c) {
    CellType t =
        c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    return t == CellType.STRING;
  }

  private String value(Cell c, CellType type) {
    return switch (type) {
      case BLANK, _NONE -> null;
      case STRING -> c.getStringCellValue();
      case BOOLEAN -> Boolean.toString(c.getBooleanCellValue());
      case ERROR -> error(c.getErrorCellValue());
      case NUMERIC -> {
        CellStyle style = c.getCellStyle();
        yield text.number(
            c.getNumericCellValue(),
            style == null ? -1 : style.getDataFormat(),
            style == null ? null : style.getDataFormatString());
      }
      case FORMULA -> value(c, c.getCachedFormulaResultType());
    };
  }

  private static String error(byte code) {
    try {
      return FormulaError.forInt(code).getString();
    } catch (IllegalArgumentException e) {
      return "#ERROR!";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      workbook.close();
    } finally {
      fs.close();
    }
  }
}
