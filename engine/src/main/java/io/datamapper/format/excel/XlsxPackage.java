package io.datamapper.format.excel;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An xlsx package: where each sheet's XML lives, the workbook, styles and shared-strings parts, and
 * each sheet's merged regions (which come after the rows in the sheet XML, so they are found by a
 * quick scan of the inflated bytes before the rows are read).
 *
 * <p>Nothing the archive declares is trusted: the ZIP directory is checked for size before it is
 * read ({@link ZipDirectory}), and every part is read through a counter that stops it at {@link
 * ReadLimits#maxXlsxPartBytes()} (sheets and shared strings, which stream) or {@link
 * ReadLimits#maxXlsxMetadataBytes()} (the parts read aside) of inflated bytes, whatever size the
 * ZIP entry states. Not thread-safe.
 */
final class XlsxPackage implements Closeable {
  private static final String REL_OFFICE_DOCUMENT = "/officeDocument";

  /**
   * Relationships, sheets, styles or number formats in one part: Excel's own caps are far lower
   * (64,000 styles).
   */
  static final int MAX_ENTRIES = 100_000;

  private final ZipFile zip;
  private final String fileName;
  private final ReadLimits limits;
  private final XMLInputFactory xml;
  private final Map<String, String> workbookRels = new HashMap<>();
  private final Map<String, String> workbookRelTypes = new HashMap<>();
  private final String workbookPart;

  private XlsxPackage(ZipFile zip, String fileName, ReadLimits limits) throws IOException {
    this.zip = zip;
    this.fileName = fileName;
    this.limits = limits;
    this.xml = PartXml.factory(limits);
    String wb = null;
    for (Map.Entry<String, String[]> rel : readRels("_rels/.rels", "").entrySet()) {
      if (rel.getValue()[1].endsWith(REL_OFFICE_DOCUMENT)) wb = rel.getValue()[0];
    }
    if (wb == null && entry("xl/workbook.xml") != null) wb = "xl/workbook.xml";
    if (wb == null || entry(wb) == null) {
      String hint =
          entry("mimetype") != null
              ? " (it looks like an OpenDocument file: save it as xlsx)"
              : entry("word/document.xml") != null ? " (it is a Word document)" : "";
      throw new BadFileException(
          fileName + " is a ZIP archive but not an Excel workbook: it has no workbook part" + hint);
    }
    this.workbookPart = wb;
    int slash = wb.lastIndexOf('/');
    String dir = wb.substring(0, slash + 1);
    String relsName = dir + "_rels/" + wb.substring(slash + 1) + ".rels";
    for (Map.Entry<String, String[]> rel : readRels(relsName, dir).entrySet()) {
      workbookRels.put(rel.getKey(), rel.getValue()[0]);
      workbookRelTypes.put(rel.getKey(), rel.getValue()[1]);
    }
  }

  /** Opens the ZIP archive; a truncated or non-ZIP file gets a {@link BadFileException}. */
  static XlsxPackage open(Path file, String fileName, ReadLimits limits) throws IOException {
    ZipDirectory.check(file, fileName, limits);
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new BadFileException(
          fileName
              + " is truncated or corrupt: it starts like an xlsx (ZIP) file but its ZIP directory"
              + " cannot be read ("
              + e.getMessage()
              + "). Save or download it again.",
          e);
    }
    try {
      return new XlsxPackage(zip, fileName, limits);
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** Whether the workbook names a styles part (for the fastexcel-reader oracle in the tests). */
  boolean hasStyles() {
    return partOfType("/styles") != null;
  }

  /**
   * The inflated bytes of {@code e}, counted: past {@code limit} the read fails with a {@link
   * LimitExceededException} naming the part and {@code setting}.
   */
  private InputStream part(ZipEntry e, long limit, String setting) throws IOException {
    return new PartInput(zip.getInputStream(e), e.getName(), limit, setting, fileName);
  }

  private InputStream metadata(ZipEntry e) throws IOException {
    return part(e, limits.maxXlsxMetadataBytes(), ReadLimits.XLSX_METADATA);
  }

  private InputStream streamed(ZipEntry e) throws IOException {
    return part(e, limits.maxXlsxPartBytes(), ReadLimits.XLSX_PART);
  }

  /** Fails when a part lists more entries than {@link #MAX_ENTRIES}. */
  void countEntry(int count, String what) {
    if (count > MAX_ENTRIES) {
      throw new BadFileException(
          fileName
              + ": the xlsx package lists more than "
              + Sizes.count(MAX_ENTRIES)
              + " "
              + what
              + ", more than any workbook has; the file is damaged or hostile");
    }
  }

  private ZipEntry partOfType(String typeSuffix) {
    for (Map.Entry<String, String> t : workbookRelTypes.entrySet()) {
      if (t.getValue().endsWith(typeSuffix)) {
        ZipEntry e = entry(workbookRels.get(t.getKey()));
        if (e != null) return e;
      }
    }
    return null;
  }

  /** The merged regions of the sheet with relationship id {@code relId} ({@link MergeScan}). */
  List<ExcelBook.Merge> merges(String relId) throws IOException {
    String part = workbookRels.get(relId);
    ZipEntry e = part == null ? null : entry(part);
    if (e == null) return new ArrayList<>();
    try (InputStream in = streamed(e)) {
      return MergeScan.scan(in);
    } catch (ZipException ex) {
      throw new BadFileException(
          fileName + ": the sheet data is corrupt (" + ex.getMessage() + ")", ex);
    }
  }

  /** 0-based index of column letters ("A" = 0, "AA" = 26). */
  static int column(String letters) {
    int c = 0;
    for (int i = 0; i < letters.length(); i++) c = c * 26 + (letters.charAt(i) - 'A' + 1);
    return c - 1;
  }

  /** Relationship id → {resolved part name, type}. */
  private Map<String, String[]> readRels(String name, String baseDir) throws IOException {
    Map<String, String[]> rels = new HashMap<>();
    ZipEntry e = entry(name);
    if (e == null) return rels;
    try (InputStream in = metadata(e)) {
      XMLStreamReader r = xml.createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT
            && "Relationship".equals(r.getLocalName())) {
          countEntry(rels.size() + 1, "relationships");
          String id = r.getAttributeValue(null, "Id");
          String target = r.getAttributeValue(null, "Target");
          String type = r.getAttributeValue(null, "Type");
          if (id != null
              && target != null
              && !"External".equals(r.getAttributeValue(null, "TargetMode"))) {
            rels.put(id, new String[] {resolve(baseDir, target), type == null ? "" : type});
          }
        }
      }
    } catch (XMLStreamException ex) {
      LimitExceededException over = PartXml.overLimit(fileName, name, ex);
      if (over != null) throw over;
      throw new BadFileException(
          fileName
              + ": "
              + name
              + " in the xlsx package is not valid XML ("
              + ex.getMessage()
              + ")",
          ex);
    } catch (ZipException ex) {
      throw new BadFileException(fileName + " is corrupt: " + ex.getMessage(), ex);
    }
    return rels;
  }

  private static String resolve(String baseDir, String target) {
    String path = target.startsWith("/") ? target.substring(1) : baseDir + target;
    // "xl/worksheets/../sharedStrings.xml" style targets
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.equals("..")) {
        if (!parts.isEmpty()) parts.remove(parts.size() - 1);
      } else if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }

  private ZipEntry entry(String name) {
    if (name == null) return null;
    ZipEntry e = zip.getEntry(name);
    if (e != null) return e;
    // part names are case-insensitive in OPC
    var all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry x = all.nextElement();
      if (x.getName().equalsIgnoreCase(name)) return x;
    }
    return null;
  }

  /** A sheet as workbook.xml lists it. */
  record SheetRef(String name, boolean visible, String relId) {}

  /** The workbook's sheets in order and whether it uses the 1904 date system. */
  record WorkbookInfo(List<SheetRef> sheets, boolean date1904) {}

  WorkbookInfo workbook() throws IOException {
    List<SheetRef> sheets = new ArrayList<>();
    boolean date1904 = false;
    try (InputStream in = metadata(entry(workbookPart))) {
      XMLStreamReader r = xml.createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
        if ("workbookPr".equals(r.getLocalName())) {
          // Excel also writes an x15:workbookPr in extLst, without the attribute
          String v = r.getAttributeValue(null, "date1904");
          if (v != null) date1904 = "1".equals(v.strip()) || "true".equalsIgnoreCase(v.strip());
        } else if ("sheet".equals(r.getLocalName())) {
          String relId = null;
          for (int i = 0; i < r.getAttributeCount(); i++) {
            if ("id".equals(r.getAttributeLocalName(i)) && r.getAttributeNamespace(i) != null)
              relId = r.getAttributeValue(i);
          }
          String state = r.getAttributeValue(null, "state");
          countEntry(sheets.size() + 1, "sheets");
          sheets.add(
              new SheetRef(
                  r.getAttributeValue(null, "name"),
                  state == null || "visible".equals(state),
                  relId));
        }
      }
    } catch (XMLStreamException e) {
      LimitExceededException over = PartXml.overLimit(fileName, workbookPart, e);
      if (over != null) throw over;
      throw new BadFileException(
          fileName
              + ": "
              + workbookPart
              + " in the xlsx package is not valid XML ("
              + e.getMessage()
              + ")",
          e);
    }
    return new WorkbookInfo(sheets, date1904);
  }

  /** The XML of the sheet with relationship id {@code relId}. */
  InputStream sheet(String relId, String sheetName) throws IOException {
    String part = workbookRels.get(relId);
    ZipEntry e = part == null ? null : entry(part);
    if (e == null)
      throw new BadFileException(
          fileName + ": sheet '" + sheetName + "' has no data part in the xlsx package");
    return streamed(e);
  }

  /** The shared-strings XML, or null when the workbook has none. */
  InputStream sharedStrings() throws IOException {
    ZipEntry e = partOfType("/sharedStrings");
    return e == null ? null : streamed(e);
  }

  /** The styles XML, or null. */
  InputStream styles() throws IOException {
    ZipEntry e = partOfType("/styles");
    return e == null ? null : metadata(e);
  }

  String fileName() {
    return fileName;
  }

  ReadLimits limits() {
    return limits;
  }

  /** The parser factory for this package's parts (thread-safe). */
  XMLInputFactory xml() {
    return xml;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
