package io.datamapper.server.security;

import java.util.Locale;

/** What an API key may do; each role includes the ones before it. */
public enum Role {
  /** tables, imports, tasks, detection, (later) queries */
  READER,
  /** also imports, cancels and undoes */
  IMPORTER,
  /** also metrics and administration */
  ADMIN;

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }

  public static Role parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown role '" + s + "' (use reader, importer or admin)");
    }
  }

  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }
}
