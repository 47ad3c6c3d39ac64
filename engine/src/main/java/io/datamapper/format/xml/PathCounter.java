package io.datamapper.format.xml;

import com.ctc.wstx.exc.WstxLazyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts element paths below the root ({@code /rss/channel/item}) to find the record
 * element: among paths that occur at least twice, those inside another such path are
 * dropped (a record holds its own repeated children), and the one that occurs most wins,
 * the earlier seen on a tie. When nothing repeats, the first element below the root is
 * the (single) record. Remembers at most {@link #MAX_PATHS} paths. Not thread-safe.
 */
final class PathCounter {
  static final int MAX_PATHS = 10_000;

  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private Exception error;

  /**
   * Counts the element paths of a document (or the start of one) until its end or the first
   * parse error, which is kept in {@link #error()} rather than thrown: a cut-off sample ends
   * in one. The caller closes {@code xml}.
   */
  static PathCounter scan(XMLStreamReader xml, boolean keepPrefixes) {
    PathCounter counter = new PathCounter();
    String[] names = new String[16];
    int depth = 0;
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (depth == names.length) names = Arrays.copyOf(names, depth * 2);
          String prefix = xml.getPrefix();
          String local = xml.getLocalName();
          names[depth++] = keepPrefixes && prefix != null && !prefix.isEmpty() ? prefix + ":" + local : local;
          counter.add(names, depth);
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException | WstxLazyException e) {
      counter.error = e;
    }
    return counter;
  }

  /** The parse error that ended {@link #scan}, or null when the document ended well. */
  Exception error() {
    return error;
  }

  /** Counts the element just started; {@code names[0..depth-1]} are the open elements. */
  void add(String[] names, int depth) {
    if (depth < 2) return;
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < depth; i++) sb.append('/').append(names[i]);
    String path = sb.toString();
    int[] n = counts.get(path);
    if (n != null) {
      n[0]++;
    } else if (counts.size() < MAX_PATHS) {
      counts.put(path, new int[] {1});
    }
  }

  /** Record path candidates, best first (empty when no element lies below the root). */
  List<String> ranked() {
    List<String> repeated = new ArrayList<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      if (e.getValue()[0] >= 2) repeated.add(e.getKey());
    }
    Set<String> repeatedSet = new HashSet<>(repeated);
    List<String> outermost = new ArrayList<>();
    for (String p : repeated) {
      boolean inside = false;
      for (int slash = p.lastIndexOf('/'); slash > 0 && !inside; slash = p.lastIndexOf('/', slash - 1)) {
        inside = repeatedSet.contains(p.substring(0, slash));
      }
      if (!inside) outermost.add(p);
    }
    if (outermost.isEmpty()) {
      for (String p : counts.keySet()) {
        if (p.indexOf('/', 1) == p.lastIndexOf('/')) outermost.add(p);
      }
      return outermost;
    }
    outermost.sort(Comparator.comparingInt((String p) -> -counts.get(p)[0]));
    return outermost;
  }

  /** The best {@code limit} candidates with their counts, for messages: {@code /a/b (12), /a/c (2)}. */
  String describe(int limit) {
    List<String> best = ranked();
    List<String> parts = new ArrayList<>();
    for (String p : best.subList(0, Math.min(limit, best.size()))) parts.add(p + " (" + counts.get(p)[0] + ")");
    return String.join(", ", parts);
  }
}
