package io.datamapper.format.json;

import java.util.regex.Pattern;

/**
 * Recognising a JSON number literal (strings are written by {@link
 * io.datamapper.format.JsonStrings}). Stateless.
 */
final class JsonText {
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private JsonText() {}

  static boolean isNumber(String s) {
    return NUMBER.matcher(s).matches();
  }
}
