package io.datamapper.format.xml;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.ENTITY_REFERENCE;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.ctc.wstx.exc.WstxLazyException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.IOException;
import java.util.Arrays;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks an XML document and hands out each record element as an {@link Element} tree, reading to
 * the end of the document so that a truncated or malformed file fails even after its last record.
 * Until the first record it counts element paths, for the hint when there is none. Memory: one
 * record at a time, bounded by {@link ReadLimits}: its characters (names, attribute values, text,
 * and {@link ReadLimits#ELEMENT_CHARS} per element for the objects that hold them), its element
 * count, and each element's text. Not thread-safe.
 */
final class XmlScanner {
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private final XMLStreamReader xml;
  private final RecordPath recordPath;
  private final boolean keepPrefixes;
  private final String fileName;
  private final ReadLimits limits;
  private final PathCounter paths = new PathCounter();
  private String[] names = new String[16];
  private int depth;
  private long records;
  private long line;
  private long chars;
  private int elements;

  XmlScanner(
      XMLStreamReader xml,
      RecordPath recordPath,
      boolean keepPrefixes,
      String fileName,
      ReadLimits limits) {
    this.limits = limits;
    this.xml = xml;
    this.recordPath = recordPath;
    this.keepPrefixes = keepPrefixes;
    this.fileName = fileName;
  }

  /** The next record, or null at the end of the document. */
  Element next() throws IOException {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == START_ELEMENT) {
          if (depth == names.length) names = Arrays.copyOf(names, depth * 2);
          String name = elementName();
          names[depth++] = name;
          if (recordPath.matches(names, depth)) {
            records++;
            line = xml.getLocation().getLineNumber();
            Element record = readRecord();
            depth--;
            return record;
          }
          if (records == 0) paths.start(name, PathCounter.offset(xml));
        } else if (event == END_ELEMENT) {
          depth--;
          if (records == 0) paths.end(PathCounter.offset(xml));
        } else if (event == ENTITY_REFERENCE) {
          // not reported while entities are replaced (SafeXml); kept as a second line
          throw new XMLStreamException(
              "Undeclared general entity \"" + xml.getLocalName() + "\"", xml.getLocation());
        }
      }
      return null;
    } catch (XMLStreamException | WstxLazyException e) {
      IOException io = SafeXml.ioCause(e);
      if (io != null) throw io;
      throw SafeXml.badFile(fileName, e, xml);
    }
  }

  /** Line where the last record returned by {@link #next()} starts. */
  long line() {
    return line;
  }

  /** Size of the last record returned by {@link #next()}, in characters. */
  long recordChars() {
    return chars;
  }

  /** Repeated element paths seen before the first record, best first, for messages. */
  String candidates() {
    return paths.describe(5);
  }

  private Element readRecord() throws XMLStreamException {
    chars = 0;
    elements = 0;
    Element[] stack = new Element[8];
    int top = 0;
    stack[0] = start(names[depth - 1]);
    while (true) {
      int event = xml.next();
      switch (event) {
        case START_ELEMENT -> {
          Element child = start(elementName());
          stack[top].add(child);
          if (++top == stack.length) stack = Arrays.copyOf(stack, top * 2);
          stack[top] = child;
        }
        case CHARACTERS, CDATA, SPACE -> {
          int length = xml.getTextLength();
          Element at = stack[top];
          if ((long) at.textLength() + length > limits.maxValueChars()) {
            throw new LimitExceededException(
                fileName,
                "the text of <"
                    + at.name
                    + "> in record "
                    + records
                    + " (line "
                    + line
                    + ") is longer than "
                    + Sizes.count(limits.maxValueChars())
                    + " characters",
                limits.maxValueChars(),
                ReadLimits.VALUE);
          }
          count(length);
          at.append(xml.getTextCharacters(), xml.getTextStart(), length, xml.isWhiteSpace());
        }
        case END_ELEMENT -> {
          stack[top].finish();
          if (top == 0) return stack[0];
          stack[top--] = null;
        }
        case ENTITY_REFERENCE ->
            throw new XMLStreamException(
                "Undeclared general entity \"" + xml.getLocalName() + "\"", xml.getLocation());
        default -> {} // comments and processing instructions carry no data
      }
    }
  }

  private Element start(String name) {
    Element e = new Element(name);
    if (++elements > limits.maxRecordElements()) {
      throw new LimitExceededException(
          fileName,
          "record "
              + records
              + " (line "
              + line
              + ") has more than "
              + Sizes.count(limits.maxRecordElements())
              + " elements",
          limits.maxRecordElements(),
          ReadLimits.ELEMENTS,
          "Is source.xml.recordPath the repeated element?");
    }
    count(name.length() + ReadLimits.ELEMENT_CHARS);
    int n = xml.getAttributeCount();
    if (n == 0) return e;
    String[] attributes = new String[2 * n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      String value = xml.getAttributeValue(i);
      count(value.length());
      if ("nil".equals(xml.getAttributeLocalName(i)) && XSI.equals(xml.getAttributeNamespace(i))) {
        e.nil = "true".equals(value.strip()) || "1".equals(value.strip());
        continue;
      }
      attributes[kept++] = qualified(xml.getAttributePrefix(i), xml.getAttributeLocalName(i));
      attributes[kept++] = value;
    }
    if (kept > 0)
      e.attributes = kept == attributes.length ? attributes : Arrays.copyOf(attributes, kept);
    return e;
  }

  private void count(int length) {
    chars += length;
    if (chars > limits.maxRecordChars()) {
      throw new LimitExceededException(
          fileName,
          "record "
              + records
              + " (line "
              + line
              + ") is larger than "
              + Sizes.count(limits.maxRecordChars())
              + " characters",
          limits.maxRecordChars(),
          ReadLimits.RECORD,
          "Is source.xml.recordPath the repeated element?");
    }
  }

  private String elementName() {
    return qualified(xml.getPrefix(), xml.getLocalName());
  }

  private String qualified(String prefix, String local) {
    return keepPrefixes && prefix != null && !prefix.isEmpty() ? prefix + ":" + local : local;
  }
}
