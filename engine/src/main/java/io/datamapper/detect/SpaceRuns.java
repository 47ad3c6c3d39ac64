package io.datamapper.detect;

/**
 * A space delimiter means runs of spaces, as R's {@code read.table} and whitespace-aligned exports
 * write them: the text with each run outside quotes turned into one space and the spaces at the
 * start and end of each line removed, so that a one-character delimiter reads it. Line breaks are
 * kept, so line numbers stay right. Stateless.
 */
final class SpaceRuns {
  private SpaceRuns() {}

  static String collapse(String text, char quote) {
    StringBuilder out = new StringBuilder(text.length());
    boolean quoted = false;
    boolean lineStart = true;
    int pendingSpace = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!quoted && c == ' ') {
        if (!lineStart) pendingSpace = 1;
        continue;
      }
      if (!quoted && (c == '\n' || c == '\r')) {
        pendingSpace = 0; // trailing spaces end nothing
        lineStart = true;
        out.append(c);
        continue;
      }
      if (pendingSpace > 0) out.append(' ');
      pendingSpace = 0;
      lineStart = false;
      if (c == quote) quoted = !quoted;
      out.append(c);
    }
    return out.toString();
  }

  /** True when some line has two spaces in a row: columns aligned by runs of spaces. */
  static boolean aligned(String text) {
    return text.contains("  ");
  }
}
