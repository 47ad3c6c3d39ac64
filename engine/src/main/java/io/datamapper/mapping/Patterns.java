package io.datamapper.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiled regular expressions of transforms, shared across imports. A long-running server sees
 * patterns from every mapping it was ever sent, so the cache is bounded: the least recently used
 * pattern is dropped beyond {@link #MAX} (recompiling one is cheap; holding every one is not).
 * Thread-safe: a lock guards the map, and compiling happens outside it.
 */
final class Patterns {
  static final int MAX = 1024;

  private static final Map<String, Pattern> CACHE =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
          return size() > MAX;
        }
      };

  private Patterns() {}

  static Pattern get(String regex) {
    synchronized (CACHE) {
      Pattern p = CACHE.get(regex);
      if (p != null) return p;
    }
    // a bad regex throws here, before anything is cached
    Pattern compiled = Pattern.compile(regex);
    synchronized (CACHE) {
      Pattern raced = CACHE.putIfAbsent(regex, compiled);
      return raced == null ? compiled : raced;
    }
  }

  /** How many patterns are cached now. */
  static int size() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }
}
