package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;

/**
 * An xlsx workbook: its sheets read by {@link SheetScan}, its small parts with StAX, its shared
 * strings in temporary files ({@link SharedStrings}), every part through the package's counters:
 * the heap holds one row at a time, bounded by {@link ReadLimits}, whatever the workbook declares
 * or holds. Gives the same text as fastexcel-reader (checked against it in the tests). Not
 * thread-safe.
 */
final class XlsxStreamBook implements ExcelBook {
  private final XlsxPackage pkg;
  private final XlsxPackage.WorkbookInfo info;
  private final LaterStrings strings;
  private final CellValues values;

  private XlsxStreamBook(
      XlsxPackage pkg,
      XlsxPackage.WorkbookInfo info,
      LaterStrings strings,
      int[] ids,
      String[] formats) {
    this.pkg = pkg;
    this.info = info;
    this.strings = strings;
    this.values = new CellValues(strings, info.date1904(), ids, formats);
  }

  static XlsxStreamBook open(XlsxPackage pkg) throws IOException {
    XlsxPackage.WorkbookInfo info = pkg.workbook();
    List<Integer> ids = new ArrayList<>();
    Map<Integer, String> codes = new HashMap<>();
    InputStream styles = pkg.styles();
    if (styles != null) {
      try (styles) {
        XMLStreamReader r = pkg.xml().createXMLStreamReader(styles);
        boolean inCellXfs = false;
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
              case "numFmt" -> {
                codes.put(
                    parseInt(r.getAttributeValue(null, "numFmtId"), -1),
                    r.getAttributeValue(null, "formatCode"));
                pkg.countEntry(codes.size(), "number formats");
              }
              case "cellXfs" -> inCellXfs = true;
              case "xf" -> {
                if (inCellXfs) ids.add(parseInt(r.getAttributeValue(null, "numFmtId"), 0));
                pkg.countEntry(ids.size(), "cell styles");
              }
              default -> {}
            }
          } else if (event == XMLStreamConstants.END_ELEMENT
              && "cellXfs".equals(r.getLocalName())) {
            inCellXfs = false;
          }
        }
      } catch (XMLStreamException e) {
        LimitExceededException over = PartXml.overLimit(pkg.fileName(), "the styles part", e);
        if (over != null) throw over;
        throw new BadFileException(
            pkg.fileName() + ": the styles part is not valid XML (" + e.getMessage() + ")", e);
      }
    }
    int[] idArray = new int[ids.size()];
    String[] formats = new String[ids.size()];
    for (int i = 0; i < idArray.length; i++) {
      idArray[i] = ids.get(i);
      String code = codes.get(idArray[i]);
      formats[i] = code != null ? code : BuiltinFormats.getBuiltinFormat(idArray[i]);
    }
    LaterStrings strings = LaterStrings.spill(pkg.sharedStrings(), pkg);
    return new XlsxStreamBook(pkg, info, strings, idArray, formats);
  }

  private static int parseInt(String s, int otherwise) {
    try {
      return s == null ? otherwise : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  @Override
  public String kind() {
    return "xlsx";
  }

  @Override
  public List<SheetInfo> sheets() {
    return info.sheets().stream().map(s -> new SheetInfo(s.name(), s.visible())).toList();
  }

  @Override
  public List<Merge> merges(int index) throws IOException {
    return pkg.merges(info.sheets().get(index).relId());
  }

  @Override
  public SheetRows rows(int index) throws IOException {
    XlsxPackage.SheetRef sheet = info.sheets().get(index);
    InputStream in = pkg.sheet(sheet.relId(), sheet.name());
    // inflating beside the parsing, when there is a second processor to do it on
    if (Runtime.getRuntime().availableProcessors() > 1) in = new ReadAhead(in, "xlsx-inflate");
    try {
      return new SheetScan(in, values, pkg.fileName(), sheet.name(), pkg.limits());
    } catch (IOException | RuntimeException e) {
      in.close();
      if (e instanceof XmlBytes.Malformed || e instanceof java.util.zip.ZipException) {
        throw new BadFileException(
            pkg.fileName()
                + ": sheet '"
                + sheet.name()
                + "' cannot be read ("
                + e.getMessage()
                + ")",
            e);
      }
      throw e;
    }
  }

  /** 0-based column of a cell reference such as "AB12". */
  static int column(String ref) {
    int c = 0;
    int i = 0;
    while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 4) {
      c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
      i++;
    }
    return c - 1;
  }

  @Override
  public void close() throws IOException {
    try {
      strings.close();
    } finally {
      pkg.close();
    }
  }
}
