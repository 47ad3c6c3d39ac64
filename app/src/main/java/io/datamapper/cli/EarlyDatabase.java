package io.datamapper.cli;

import java.util.Set;

/**
 * Starts opening the database at the top of {@code main}, before picocli has built its command
 * model (about 0.15 s of a tiny import's start on 2 cores): connecting, the pool and the
 * ledger-schema check then overlap it. Only for {@code import}, and only when a cheap scan of the
 * arguments names one external PostgreSQL unambiguously: one {@code --db URL} / {@code --db=URL},
 * or none and {@code DATAMAPPER_DB_URL}. The parsed options still decide: {@code ImportCommand}
 * takes the early opening only when its own resolved URL is the same string, else the early one is
 * closed and the database opened as before. The embedded PostgreSQL is never started early (a
 * mistyped option must not start a server).
 */
public final class EarlyDatabase {
  private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");
  private static String url;
  private static OpeningDatabase opening;

  private EarlyDatabase() {}

  /** Starts opening the database {@code args} name, when they name one unambiguously. */
  public static synchronized void start(String[] args) {
    String found = scan(args, System.getenv("DATAMAPPER_DB_URL"));
    if (found == null) return;
    url = found;
    opening = new OpeningDatabase(() -> DbOptions.openUrl(found));
  }

  /**
   * The URL an {@code import} command line names, or null when it names none, more than one, asks
   * for help, or could be read differently by picocli (an {@code @file} argument).
   */
  static String scan(String[] args, String environmentUrl) {
    if (args.length == 0 || !"import".equals(args[0])) return null;
    String found = null;
    int seen = 0;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) break;
      if (a.startsWith("@") || HELP.contains(a)) return null;
      if (a.equals("--db")) {
        if (i + 1 >= args.length) return null;
        found = args[++i];
        seen++;
      } else if (a.startsWith("--db=")) {
        found = a.substring("--db=".length());
        seen++;
      }
    }
    if (seen > 1) return null;
    if (seen == 0) found = environmentUrl;
    return found == null || found.isBlank() ? null : found;
  }

  /**
   * The early opening of {@code resolvedUrl}, handed over once; null when there is none or it was
   * for another URL (then it is closed).
   */
  static synchronized OpeningDatabase take(String resolvedUrl) {
    OpeningDatabase early = opening;
    if (early == null) return null;
    opening = null;
    if (url.equals(resolvedUrl)) return early;
    early.closeLater();
    return null;
  }

  /** After the command: closes an early opening no command took (a parse error, say). */
  public static synchronized void discard() {
    if (opening != null) opening.closeLater();
    opening = null;
  }
}
