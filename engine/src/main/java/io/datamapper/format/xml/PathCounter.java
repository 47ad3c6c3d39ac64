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
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Finds the record element from element paths below the root ({@code /rss/channel/item}): among
 * paths that occur at least twice, those inside another such path are dropped (a record holds its
 * own repeated children) and the one whose occurrences span the most characters wins, the earlier
 * seen on a tie — so a feed's {@code <item>}s beat the two dozen {@code <hours>} of its header, and
 * an OpenStreetMap file's many {@code <node>}s beat its few long {@code <way>}s. A candidate
 * repeated only a few times that holds a descendant repeated ten times as often, with data of its
 * own, gives way to it (GPX {@code <trk>} → {@code <trkpt>}, collected across all segments). When
 * nothing repeats, the first element below the root is the (single) record. Remembers at most
 * {@link #MAX_PATHS} paths. Not thread-safe.
 */
final class PathCounter {
  static final int MAX_PATHS = 10_000;

  /** Per path: occurrences, and characters spanned by those occurrences. */
  private final Map<String, long[]> stats = new LinkedHashMap<>();

  /**
   * Paths seen with attributes (an element made of attributes carries data: a GPX {@code <trkpt lat
   * lon>}).
   */
  private final Set<String> withAttributes = new HashSet<>();

  private String[] paths = new String[16];
  private long[][] open = new long[16][];
  private long[] starts = new long[16];
  private int depth;

  /**
   * An empty element ({@code <node .../>}) ends where it starts: its span is settled at the next
   * event.
   */
  private long[] pending;

  private long pendingStart;
  private Exception error;

  /**
   * Counts the element paths of a document (or the start of one) until its end or the first parse
   * error, which is kept in {@link #error()} rather than thrown: a cut-off sample ends in one. The
   * caller closes {@code xml}.
   */
  static PathCounter scan(XMLStreamReader xml, boolean keepPrefixes) {
    PathCounter counter = new PathCounter();
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        counter.at(offset(xml));
        if (event == XMLStreamConstants.START_ELEMENT) {
          String prefix = xml.getPrefix();
          String local = xml.getLocalName();
          counter.start(
              keepPrefixes && prefix != null && !prefix.isEmpty() ? prefix + ":" + local : local,
              offset(xml));
          if (xml.getAttributeCount() > 0
              && counter.depth > 1
              && counter.stats.containsKey(counter.paths[counter.depth - 1]))
            counter.withAttributes.add(counter.paths[counter.depth - 1]);
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          counter.end(offset(xml));
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

  /** Where the current event starts in the document, in characters (bytes for some inputs). */
  static long offset(XMLStreamReader xml) {
    if (xml instanceof XMLStreamReader2 x2) return x2.getLocationInfo().getStartingCharOffset();
    return xml.getLocation().getCharacterOffset();
  }

  /**
   * The parser is at {@code offset}: settles the span of an empty element that ended just before.
   */
  void at(long offset) {
    if (pending != null && offset > pendingStart) {
      pending[1] += offset - pendingStart;
      pending = null;
    }
  }

  /** An element starts at {@code offset}. */
  void start(String name, long offset) {
    at(offset);
    if (depth == paths.length) {
      paths = Arrays.copyOf(paths, depth * 2);
      open = Arrays.copyOf(open, depth * 2);
      starts = Arrays.copyOf(starts, depth * 2);
    }
    String path = (depth == 0 ? "" : paths[depth - 1]) + "/" + name;
    long[] s = null;
    if (depth >= 1) {
      s = stats.get(path);
      if (s == null && stats.size() < MAX_PATHS) stats.put(path, s = new long[2]);
      if (s != null) s[0]++;
    }
    paths[depth] = path;
    open[depth] = s;
    starts[depth] = offset;
    depth++;
  }

  /** The element started last ends; its end tag starts at {@code offset}. */
  void end(long offset) {
    if (depth == 0) return;
    at(offset);
    depth--;
    if (open[depth] != null) {
      if (offset > starts[depth]) {
        open[depth][1] += offset - starts[depth];
      } else {
        pending = open[depth];
        pendingStart = starts[depth];
      }
    }
    open[depth] = null;
  }

  /** Record path candidates, best first (empty when no element lies below the root). */
  List<String> ranked() {
    List<String> repeated = new ArrayList<>();
    for (Map.Entry<String, long[]> e : stats.entrySet()) {
      if (e.getValue()[0] >= 2) repeated.add(e.getKey());
    }
    Set<String> repeatedSet = new HashSet<>(repeated);
    List<String> outermost = new ArrayList<>();
    for (String p : repeated) {
      boolean inside = false;
      for (int slash = p.lastIndexOf('/');
          slash > 0 && !inside;
          slash = p.lastIndexOf('/', slash - 1)) {
        inside = repeatedSet.contains(p.substring(0, slash));
      }
      if (!inside) outermost.add(p);
    }
    if (outermost.isEmpty()) {
      for (String p : stats.keySet()) {
        if (p.indexOf('/', 1) == p.lastIndexOf('/')) outermost.add(p);
      }
      return outermost;
    }
    for (int i = 0; i < outermost.size(); i++) outermost.set(i, recordsWithin(outermost.get(i)));
    // elements still open at the end of a cut-off sample have not added their size yet
    outermost.sort(
        Comparator.comparingLong((String p) -> -Math.max(stats.get(p)[1], stats.get(p)[0])));
    return outermost;
  }

  /** A candidate that repeats only this often may be a few containers of the real records. */
  static final int FEW_CONTAINERS = 20;

  /** How many times more often a descendant must repeat to be the records instead. */
  static final int MANY_TIMES = 10;

  /**
   * {@code path}, or the descendant that holds the records when {@code path} is only a few
   * containers: a GPX file's 4 {@code <trk>} hold 871 {@code <trkpt>}. The descendant must repeat
   * {@link #MANY_TIMES} as often and carry data of its own (attributes or child elements); the most
   * repeated such descendant wins.
   */
  private String recordsWithin(String path) {
    long count = stats.get(path)[0];
    if (count > FEW_CONTAINERS) return path;
    String best = path;
    long bestCount = count * MANY_TIMES - 1;
    String prefix = path + "/";
    for (Map.Entry<String, long[]> e : stats.entrySet()) {
      String d = e.getKey();
      if (!d.startsWith(prefix) || e.getValue()[0] <= bestCount || !carriesData(d)) continue;
      best = d;
      bestCount = e.getValue()[0];
    }
    return best;
  }

  private boolean carriesData(String path) {
    if (withAttributes.contains(path)) return true;
    String prefix = path + "/";
    for (String p : stats.keySet()) {
      if (p.startsWith(prefix)) return true;
    }
    return false;
  }

  /**
   * The best {@code limit} candidates with their counts, for messages: {@code /a/b (12), /a/c (2)}.
   */
  String describe(int limit) {
    List<String> parts = new ArrayList<>();
    for (String p : ranked()) {
      if (parts.size() == limit) break;
      parts.add(p + " (" + stats.get(p)[0] + ")");
    }
    return String.join(", ", parts);
  }
}
