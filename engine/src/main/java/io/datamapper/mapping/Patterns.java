package io.datamapper.mapping;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled-pattern cache so records can hold the pattern text and still apply fast. */
final class Patterns {
  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  static Pattern get(String regex) {
    return CACHE.computeIfAbsent(regex, Pattern::compile);
  }
}
