package io.datamapper.format.xml;

import io.datamapper.mapping.MappingException;
import java.util.List;

/**
 * Which elements are records: an absolute path from the root ({@code /rss/channel/item}) or a bare
 * name ({@code item}: such an element at any depth, outside another record). Steps compare with
 * element names as fields are named: local names, or {@code prefix:local} when prefixes are kept;
 * in local mode a prefix written in the path is ignored. Immutable.
 */
final class RecordPath {
  private final String spelling;
  private final String[] steps;
  private final boolean anywhere;

  private RecordPath(String spelling, String[] steps, boolean anywhere) {
    this.spelling = spelling;
    this.steps = steps;
    this.anywhere = anywhere;
  }

  static RecordPath parse(String path, boolean keepPrefixes) {
    String p = path == null ? "" : path.strip();
    boolean absolute = p.startsWith("/");
    String body = absolute ? p.substring(1) : p;
    String[] steps = body.split("/", -1);
    for (int i = 0; i < steps.length; i++) {
      String s = steps[i].strip();
      if (s.isEmpty() || s.contains(" ") || s.startsWith("@")) {
        throw new MappingException(
            List.of(
                "source.xml.recordPath '"
                    + path
                    + "' is not an element path: write /root/parent/record"
                    + " (absolute, element names) or just the record element's name"));
      }
      steps[i] = keepPrefixes ? s : local(s);
    }
    if (!absolute && steps.length > 1) {
      throw new MappingException(
          List.of(
              "source.xml.recordPath '"
                  + path
                  + "' must start with / (a path from the root"
                  + " element) or be a single element name"));
    }
    return new RecordPath(p, steps, !absolute);
  }

  private static String local(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  /**
   * Whether the element now open is a record: {@code names[0..depth-1]} are the names of the open
   * elements from the root, the last one being the element just started.
   */
  boolean matches(String[] names, int depth) {
    if (anywhere) return steps[0].equals(names[depth - 1]);
    if (depth != steps.length) return false;
    for (int i = depth - 1; i >= 0; i--) {
      if (!steps[i].equals(names[i])) return false;
    }
    return true;
  }

  /** The record element's name, for messages. */
  String elementName() {
    return steps[steps.length - 1];
  }

  @Override
  public String toString() {
    return spelling;
  }
}
