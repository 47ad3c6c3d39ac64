package io.datamapper.format.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * The one place that creates XML parsers, so every one is hardened the same way, and that turns
 * parser failures into {@link BadFileException}s.
 *
 * <p>Security: always Woodstox's own factory (never {@code XMLInputFactory.newInstance()}, which
 * may find the JDK's). DTDs are not processed: a {@code <!DOCTYPE>} is skipped unread (lazily, so a
 * huge internal subset costs time, not memory), no external DTD or entity is ever fetched
 * (resolvers that refuse are installed as a second line), and since no entity gets declared, any
 * reference other than the five predefined ones and character references fails as an undeclared
 * entity — in text and in attribute values. So external entities (XXE) and "billion laughs" fail at
 * their first reference.
 *
 * <p>Limits stop nesting and size bombs before they reach the heap or the stack: the element depth
 * and a text node's length come from {@link ReadLimits} (a text node is one value), the others are
 * documented in the constants. A factory is thread-safe once built.
 */
final class SafeXml {
  /** Attributes hold ids and flags; a 1M-character attribute is a broken generator or an attack. */
  static final int MAX_ATTRIBUTE_SIZE = 1_000_000;

  /** Attributes of one element become fields; PostgreSQL tables stop at 1,600 columns anyway. */
  static final int MAX_ATTRIBUTES_PER_ELEMENT = 1000;

  private static final XMLInputFactory FACTORY = create(ReadLimits.DEFAULT);
  private static final Pattern NUMBER = Pattern.compile("\\((\\d+)\\)");

  private SafeXml() {}

  /** A hardened factory bounded by {@code limits}. */
  static XMLInputFactory factory(ReadLimits limits) {
    return limits.equals(ReadLimits.DEFAULT) ? FACTORY : create(limits);
  }

  private static XMLInputFactory create(ReadLimits limits) {
    WstxInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // replacing (not reporting) entity references makes an undeclared one an error, also
    // inside attribute values, where the reporting mode would silently drop it
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    XMLResolver refuse =
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException(
              "refusing to resolve " + systemId + ": DTDs and external entities are never read");
        };
    f.setProperty(XMLInputFactory.RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
    f.setProperty(WstxInputProperties.P_CACHE_DTDS, false);
    // lazy: a skipped DOCTYPE is scanned, not buffered (a 200 MB internal subset would not fit
    // otherwise)
    f.setProperty(XMLInputFactory2.P_LAZY_PARSING, true);
    f.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, false);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxNestingDepth());
    // per piece of text (between entities or CDATA sections): a record's element sums them
    // (XmlScanner)
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxValueChars());
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_SIZE);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
    // no entity is ever declared; the minimum values are a second line (predefined entities do not
    // count)
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    // records are children of one element and files have no size limit: these stay unbounded
    f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, Integer.MAX_VALUE);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, Long.MAX_VALUE);
    f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, Long.MAX_VALUE);
    return f;
  }

  static XMLStreamReader open(InputStream in, String fileName) {
    return open(in, fileName, FACTORY);
  }

  static XMLStreamReader open(InputStream in, String fileName, XMLInputFactory factory) {
    try {
      return factory.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw badFile(fileName, e, null);
    }
  }

  static XMLStreamReader open(Reader in, String fileName, XMLInputFactory factory) {
    try {
      return factory.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw badFile(fileName, e, null);
    }
  }

  /**
   * Translates a parser failure: a real I/O error stays an {@link IOException}; everything else is
   * the file's fault. Messages never quote the document beyond Woodstox's own words about the
   * offending token.
   */
  static IOException ioCause(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof XMLStreamException x
        && x.getNestedException() instanceof IOException io
        && !(io instanceof CharConversionException)) {
      return io;
    }
    return null;
  }

  static BadFileException badFile(String fileName, Throwable e, XMLStreamReader reader) {
    Throwable t = unwrap(e);
    Location at = t instanceof XMLStreamException x ? x.getLocation() : null;
    if (at == null && reader != null) at = reader.getLocation();
    String where =
        at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    String message = firstLine(t.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (message.startsWith("Undeclared general entity")) {
      String name = message.replaceFirst("^Undeclared general entity \"?([^\"]*)\"?.*$", "$1");
      return new BadFileException(
          fileName
              + ": entity reference &"
              + name
              + ";"
              + where
              + " is not allowed: entities"
              + " declared in a DTD are never expanded, for safety (only &lt; &gt; &amp; &quot; &apos; and character"
              + " references such as &#169; are); replace the reference with the text it stands for",
          t);
    }
    if (t instanceof XMLStreamException x
        && x.getNestedException() instanceof CharConversionException) {
      return new BadFileException(
          fileName
              + ": malformed XML"
              + where
              + ": "
              + message
              + " (is the encoding right? The XML declaration decides it, or set source.encoding)",
          t);
    }
    Matcher n = NUMBER.matcher(message);
    long limit = n.find() ? Long.parseLong(n.group(1)) : -1;
    if (lower.startsWith("text size limit") && limit > 0) {
      return new LimitExceededException(
          fileName,
          "a text" + where + " is longer than " + Sizes.count(limit) + " characters",
          limit,
          ReadLimits.VALUE);
    }
    if (lower.contains("element depth") && limit > 0) {
      return new LimitExceededException(
          fileName,
          "the XML" + where + " nests elements more than " + limit + " levels deep",
          limit,
          ReadLimits.DEPTH);
    }
    if (lower.contains("limit")) {
      return new BadFileException(
          fileName + ": XML" + where + " exceeds a safety limit: " + message, t);
    }
    return new BadFileException(fileName + ": malformed XML" + where + ": " + message, t);
  }

  /**
   * The parse error inside a {@link WstxLazyException} (thrown when lazily parsed text is read).
   */
  private static Throwable unwrap(Throwable e) {
    return e instanceof WstxLazyException && e.getCause() instanceof XMLStreamException x ? x : e;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) return "unreadable XML";
    int at = message.indexOf("\n at [row,col");
    if (at < 0) at = message.indexOf('\n');
    return (at < 0 ? message : message.substring(0, at)).strip();
  }
}
