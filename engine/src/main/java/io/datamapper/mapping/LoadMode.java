package io.datamapper.mapping;

import java.util.Locale;

/** How rows land in the target table. */
public enum LoadMode {
  /** Add the rows to what is there. */
  APPEND,
  /** Empty the table, then load, in one transaction. */
  TRUNCATE_INSERT,
  /** Load into a new table and swap it in atomically. */
  REPLACE,
  /** Insert, or update rows whose key exists. */
  UPSERT;

  public String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static LoadMode fromSpelling(String s) {
    for (LoadMode m : values()) {
      if (m.spelling().equalsIgnoreCase(s.trim()) || m.name().equalsIgnoreCase(s.trim())) return m;
    }
    return null;
  }
}
