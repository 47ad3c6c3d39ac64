package io.datamapper.mapping;

import java.util.List;
import java.util.Locale;

/** Reads {@code source.csv.raggedRows} and {@code source.csv.extraFields}. Stateless. */
final class RaggedOptions {
  private RaggedOptions() {}

  /** Null when absent; a problem is added for an unknown spelling. */
  static CsvOptions.RaggedRows ragged(String text, List<String> problems) {
    if (text == null) return null;
    for (CsvOptions.RaggedRows r : CsvOptions.RaggedRows.values()) {
      if (r.spelling().equals(text.strip().toLowerCase(Locale.ROOT))) return r;
    }
    problems.add("source.csv.raggedRows must be pad, reject or abort, not '" + text + "'");
    return null;
  }

  /** Null when absent; a problem is added for an unknown spelling. */
  static CsvOptions.ExtraFields extra(String text, List<String> problems) {
    if (text == null) return null;
    for (CsvOptions.ExtraFields e : CsvOptions.ExtraFields.values()) {
      if (e.spelling().equals(text.strip().toLowerCase(Locale.ROOT))) return e;
    }
    problems.add("source.csv.extraFields must be reject or ignore, not '" + text + "'");
    return null;
  }
}
