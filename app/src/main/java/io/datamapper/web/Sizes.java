package io.datamapper.web;

import java.util.Locale;

/** Sizes as people read them (1,024-based, one decimal above a kilobyte). */
final class Sizes {
  private Sizes() {}

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
