package io.datamapper.format.excel;

import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/** StAX for an xlsx package's small parts (workbook, relationships, styles), and its limits. */
final class PartXml {
  private PartXml() {}

  /**
   * Woodstox (already used for XML sources; faster than the JDK's StAX on large sheet XML), with
   * DTDs and external entities off: a workbook is as untrusted as any XML file. A piece of text
   * stops at the value limit, nesting at the depth limit.
   */
  static XMLInputFactory factory(ReadLimits limits) {
    XMLInputFactory f = new com.ctc.wstx.stax.WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(
        XMLInputFactory.RESOLVER,
        (javax.xml.stream.XMLResolver)
            (publicId, systemId, base, ns) -> {
              throw new javax.xml.stream.XMLStreamException(
                  "external entities are not read: " + systemId);
            });
    f.setProperty(com.ctc.wstx.api.WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxValueChars());
    f.setProperty(
        com.ctc.wstx.api.WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxNestingDepth());
    return f;
  }

  /**
   * A Woodstox limit in a part, as a {@link LimitExceededException}; null for any other parse
   * error.
   */
  static LimitExceededException overLimit(String fileName, String where, XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    if (m.startsWith("Text size limit")) {
      return new LimitExceededException(
          fileName,
          "a text in " + where + " is longer than " + Sizes.count(number(m)) + " characters",
          number(m),
          ReadLimits.VALUE);
    }
    if (m.contains("Element Depth limit")) {
      return new LimitExceededException(
          fileName,
          where + " nests elements more than " + number(m) + " levels deep",
          number(m),
          ReadLimits.DEPTH);
    }
    return null;
  }

  private static long number(String message) {
    Matcher m = Pattern.compile("\\((\\d+)\\)").matcher(message);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
