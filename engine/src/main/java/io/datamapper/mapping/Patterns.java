package io.datamapper.mapping;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled-pattern cache so records can hold the pattern text and still apply fast. Bounded: a
 * server sees mappings from every caller, and a cache that only grows is a slow leak.
 */
final class Patterns {
  private static final int MAX = 1024;
  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  static Pattern get(String regex) {
    Pattern p = CACHE.get(regex);
    if (p != null) return p;
    if (CACHE.size() >= MAX) CACHE.clear();
    return CACHE.computeIfAbsent(regex, Pattern::compile);
  }
}
