package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;

/**
 * An xlsx workbook read with StAX (Woodstox), its shared strings in temporary files ({@link
 * SharedStrings}), every part through the package's counters: the heap holds one row at a time,
 * bounded by {@link ReadLimits}, whatever the workbook declares or holds. Gives the same text as
 * fastexcel-reader (checked against it in the tests). Not thread-safe.
 */
final class XlsxStreamBook implements ExcelBook {
  private final XlsxPackage pkg;
  private final XlsxPackage.WorkbookInfo info;
  private final SharedStrings strings;
  private final CellText text;
  private final int[] styleFormatIds;
  private final String[] styleFormats;

  private XlsxStreamBook(
      XlsxPackage pkg,
      XlsxPackage.WorkbookInfo info,
      SharedStrings strings,
      int[] ids,
      String[] formats) {
    this.pkg = pkg;
    this.info = info;
    this.strings = strings;
    this.text = new CellText(info.date1904());
    this.styleFormatIds = ids;
    this.styleFormats = formats;
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
        LimitExceededException over = XlsxPackage.overLimit(pkg.fileName(), "the styles part", e);
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
    SharedStrings strings = SharedStrings.spill(pkg.sharedStrings(), pkg);
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
    XMLStreamReader r;
    try {
      r = pkg.xml().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      in.close();
      throw new BadFileException(
          pkg.fileName() + ": sheet '" + sheet.name() + "' cannot be read (" + e.getMessage() + ")",
          e);
    }
    ReadLimits limits = pkg.limits();
    return new SheetRows() {
      private final RowBuilder builder = new RowBuilder();
      private int lastRow;

      @Override
      public SheetRow next() throws IOException {
        try {
          return nextRow();
        } catch (XMLStreamException e) {
          LimitExceededException over =
              XlsxPackage.overLimit(
                  pkg.fileName(), "sheet '" + sheet.name() + "' after row " + lastRow, e);
          if (over != null) throw over;
          throw new BadFileException(
              pkg.fileName()
                  + ": sheet '"
                  + sheet.name()
                  + "' after row "
                  + lastRow
                  + " cannot be read: "
                  + ExcelRecordReader.describe(e),
              e);
        } catch (ZipException | NumberFormatException e) {
          throw new BadFileException(
              pkg.fileName()
                  + ": sheet '"
                  + sheet.name()
                  + "' after row "
                  + lastRow
                  + " cannot be read: "
                  + ExcelRecordReader.describe(e),
              e);
        }
      }

      private SheetRow nextRow() throws XMLStreamException, IOException {
        while (r.hasNext()) {
          if (r.next() != XMLStreamConstants.START_ELEMENT || !"row".equals(r.getLocalName()))
            continue;
          String ref = r.getAttributeValue(null, "r");
          int number =
              ref == null ? lastRow + 1 : Math.max(Integer.parseInt(ref.strip()), lastRow + 1);
          lastRow = number;
          builder.reset();
          int column = -1;
          while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(r.getLocalName())) break;
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(r.getLocalName())) {
              String cellRef = r.getAttributeValue(null, "r");
              column = cellRef == null ? column + 1 : column(cellRef);
              cell(r, column);
              if (builder.chars() > limits.maxRecordChars()) {
                throw new LimitExceededException(
                    pkg.fileName(),
                    "row "
                        + number
                        + " of sheet '"
                        + sheet.name()
                        + "' holds more than "
                        + Sizes.count(limits.maxRecordChars())
                        + " characters",
                    limits.maxRecordChars(),
                    ReadLimits.RECORD);
              }
            }
          }
          SheetRow row = builder.build(number);
          if (row != null) return row;
        }
        return null;
      }

      /** Reads one {@code <c>} up to its end tag. */
      private void cell(XMLStreamReader r, int column) throws XMLStreamException, IOException {
        String type = r.getAttributeValue(null, "t");
        int style = parseInt(r.getAttributeValue(null, "s"), 0);
        String v = null;
        StringBuilder inline = null;
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if ("v".equals(name)) {
              v = r.getElementText();
            } else if ("f".equals(name)) {
              r.getElementText(); // cached values only; formulas are never evaluated
            } else if ("t".equals(name) && inline != null) {
              inline.append(r.getElementText());
              if (inline.length() > limits.maxValueChars()) {
                throw new LimitExceededException(
                    pkg.fileName(),
                    "a cell in column "
                        + ExcelRecordReader.columnName(column)
                        + " of sheet '"
                        + sheet.name()
                        + "' (row "
                        + lastRow
                        + ") is longer than "
                        + Sizes.count(limits.maxValueChars())
                        + " characters",
                    limits.maxValueChars(),
                    ReadLimits.VALUE);
              }
            } else if ("is".equals(name)) {
              inline = new StringBuilder();
              depth++;
            } else if ("rPh".equals(name)) {
              skip(r);
            } else {
              depth++;
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            depth--;
          }
        }
        if (column >= 16_384) return; // past Excel's last column (XFD)
        String t = type == null ? "n" : type;
        switch (t) {
          case "s" ->
              builder.set(
                  column,
                  v == null || v.isBlank() ? null : strings.get(Integer.parseInt(v.strip())),
                  true);
          case "inlineStr" -> builder.set(column, inline == null ? v : inline.toString(), true);
          case "str" -> builder.set(column, v, v != null && !CellText.isError(v));
          case "e" -> builder.set(column, v, false);
          case "b" -> builder.set(column, v == null ? null : bool(v), false);
          case "d" -> builder.set(column, v == null ? null : isoDate(v.strip()), false);
          default -> builder.set(column, number(v, style), false);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // closing the parser; the stream is closed next
        } finally {
          in.close();
        }
      }
    };
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  private String number(String v, int style) {
    if (v == null || v.isBlank()) return null;
    String s = v.strip();
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")
          ? s.toLowerCase(java.util.Locale.ROOT)
          : v;
    }
    if (style < 0 || style >= styleFormatIds.length) return CellText.plain(d);
    return text.number(d, styleFormatIds[style], styleFormats[style]);
  }

  private static String bool(String v) {
    String s = v.strip();
    if (s.equals("1") || s.equalsIgnoreCase("true")) return "true";
    if (s.equals("0") || s.equalsIgnoreCase("false")) return "false";
    return s;
  }

  /** A {@code t="d"} cell holds ISO 8601 text: drop a zero time and the T. */
  private static String isoDate(String v) {
    String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
    if (s.endsWith("T00:00:00")) return s.substring(0, s.length() - 9);
    return s.replace('T', ' ');
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
