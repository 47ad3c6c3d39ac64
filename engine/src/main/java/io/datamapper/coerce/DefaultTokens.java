package io.datamapper.coerce;

/**
 * The default boolean tokens recognised without {@link String#regionMatches(boolean, int, String,
 * int, int)} or any allocation: one look at the length and the ASCII letters folded to lower case.
 * Answers {@link #UNKNOWN} for everything else (surrounding whitespace, non-ASCII letters such as
 * {@code ſ}, which Java's case-insensitive matching folds to {@code s}, and non-tokens), which the
 * general matching of {@link BooleanParser} then decides.
 */
final class DefaultTokens {
  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = -1;

  private DefaultTokens() {}

  static int match(String s) {
    return switch (s.length()) {
      case 1 ->
          switch (lower(s.charAt(0))) {
            case 't', 'y', '1' -> TRUE;
            case 'f', 'n', '0' -> FALSE;
            default -> UNKNOWN;
          };
      case 2 -> is(s, "on") ? TRUE : is(s, "no") ? FALSE : UNKNOWN;
      case 3 -> is(s, "yes") ? TRUE : is(s, "off") ? FALSE : UNKNOWN;
      case 4 -> is(s, "true") ? TRUE : UNKNOWN;
      case 5 -> is(s, "false") ? FALSE : UNKNOWN;
      default -> UNKNOWN;
    };
  }

  /**
   * {@code s} equals the lower-case ASCII {@code token} of the same length, ignoring ASCII case.
   */
  private static boolean is(String s, String token) {
    for (int i = 0; i < token.length(); i++) {
      if (lower(s.charAt(i)) != token.charAt(i)) return false;
    }
    return true;
  }

  /** ASCII letters to lower case; every other char unchanged (and so never equal to a token's). */
  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
  }
}
