import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Converts the benchmark CSV (bench/GenerateCsv.java) into NDJSON, XML or XLSX with the
 * same rows, so the formats can be timed against CSV on equal data. JDK only.
 *
 * <pre>java bench/ConvertCsv.java IN.csv ndjson|xml|xlsx OUT [MAX_ROWS]</pre>
 *
 * NDJSON: one object per line, numbers and booleans as JSON literals, empty fields null.
 * XML: {@code <rows><row><id>1</id>...</row></rows>}, empty fields left out.
 * XLSX: one sheet, a header row, numbers as numeric cells, dates and timestamps as date-
 * formatted serial numbers, booleans as boolean cells, text in the shared-strings table
 * (as Excel writes it).
 */
public class ConvertCsv {
  static final String[] NUMERIC = {"id", "amount", "qty", "score"};

  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    String format = args[1];
    Path out = Path.of(args[2]);
    long max = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    long rows;
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      List<String> header = parse(r);
      rows = switch (format) {
        case "ndjson" -> ndjson(r, header, tmp, max);
        case "xml" -> xml(r, header, tmp, max);
        case "xlsx" -> xlsx(r, header, tmp, max);
        default -> throw new IllegalArgumentException("format must be ndjson, xml or xlsx");
      };
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("wrote %,d rows to %s (%,d bytes)%n", rows, out, Files.size(out));
  }

  /** One RFC 4180 record; null at the end of input. Unquoted empty fields are null. */
  static List<String> parse(BufferedReader r) throws IOException {
    String line = r.readLine();
    if (line == null) return null;
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false, wasQuoted = false;
    int i = 0;
    while (true) {
      if (i == line.length()) {
        if (quoted) {
          f.append('\n');
          line = r.readLine();
          i = 0;
          continue;
        }
        fields.add(f.length() == 0 && !wasQuoted ? null : f.toString());
        return fields;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < line.length() && line.charAt(i) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(f.length() == 0 && !wasQuoted ? null : f.toString());
        f.setLength(0);
        wasQuoted = false;
      } else {
        f.append(c);
      }
    }
  }

  static boolean numeric(String name) {
    for (String n : NUMERIC) if (n.equals(name)) return true;
    return false;
  }

  static long ndjson(BufferedReader r, List<String> header, Path out, long max) throws IOException {
    long n = 0;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
      List<String> rec;
      while (n < max && (rec = parse(r)) != null) {
        StringBuilder sb = new StringBuilder(256).append('{');
        for (int i = 0; i < header.size(); i++) {
          if (i > 0) sb.append(',');
          jsonString(sb, header.get(i)).append(':');
          String v = rec.get(i);
          if (v == null) sb.append("null");
          else if (numeric(header.get(i)) || header.get(i).equals("active")) sb.append(v);
          else jsonString(sb, v);
        }
        w.write(sb.append("}\n").toString());
        n++;
      }
    }
    return n;
  }

  static StringBuilder jsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"');
  }

  static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static long xml(BufferedReader r, List<String> header, Path out, long max) throws IOException {
    long n = 0;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n");
      List<String> rec;
      while (n < max && (rec = parse(r)) != null) {
        StringBuilder sb = new StringBuilder(512).append("  <row>");
        for (int i = 0; i < header.size(); i++) {
          String v = rec.get(i);
          if (v == null) continue;
          sb.append('<').append(header.get(i)).append('>').append(xmlText(v)).append("</").append(header.get(i)).append('>');
        }
        w.write(sb.append("</row>\n").toString());
        n++;
      }
      w.write("</rows>\n");
    }
    return n;
  }

  static long xlsx(BufferedReader r, List<String> header, Path out, long max) throws IOException {
    Map<String, Integer> strings = new LinkedHashMap<>();
    long n = 0;
    try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
      entry(zip, "[Content_Types].xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
      entry(zip, "_rels/.rels", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
      entry(zip, "xl/workbook.xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="bench" sheetId="1" r:id="rId1"/></sheets></workbook>""");
      entry(zip, "xl/_rels/workbook.xml.rels", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
      entry(zip, "xl/styles.xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss.000"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      Writer w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
      w.write(row(1, header, header, strings, true));
      List<String> rec;
      while (n < max && (rec = parse(r)) != null) {
        w.write(row(n + 2, header, rec, strings, false));
        n++;
      }
      w.write("</sheetData></worksheet>");
      w.flush();
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\""
          + strings.size() + "\" uniqueCount=\"" + strings.size() + "\">");
      for (String s : strings.keySet()) w.write("<si><t xml:space=\"preserve\">" + xmlText(s) + "</t></si>");
      w.write("</sst>");
      w.flush();
      zip.closeEntry();
    }
    return n;
  }

  static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);

  static String row(long number, List<String> header, List<String> rec, Map<String, Integer> strings, boolean allText) {
    StringBuilder sb = new StringBuilder(512).append("<row r=\"").append(number).append("\">");
    for (int i = 0; i < header.size(); i++) {
      String v = rec.get(i);
      if (v == null) continue;
      String col = header.get(i);
      String ref = (char) ('A' + i) + Long.toString(number);
      if (!allText && numeric(col)) {
        sb.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
      } else if (!allText && col.equals("active")) {
        sb.append("<c r=\"").append(ref).append("\" t=\"b\"><v>").append(v.equals("true") ? 1 : 0).append("</v></c>");
      } else if (!allText && col.equals("born")) {
        long days = ChronoUnit.DAYS.between(EPOCH, LocalDate.parse(v));
        sb.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(days).append("</v></c>");
      } else if (!allText && col.equals("created")) {
        LocalDateTime t = LocalDateTime.parse(v.replace(' ', 'T'));
        double serial = ChronoUnit.DAYS.between(EPOCH, t.toLocalDate()) + t.toLocalTime().toNanoOfDay() / 86_400e9;
        sb.append("<c r=\"").append(ref).append("\" s=\"2\"><v>").append(serial).append("</v></c>");
      } else {
        int index = strings.computeIfAbsent(v, k -> strings.size());
        sb.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(index).append("</v></c>");
      }
    }
    return sb.append("</row>").toString();
  }

  static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
