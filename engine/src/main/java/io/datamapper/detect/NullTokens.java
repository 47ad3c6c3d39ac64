package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.CsvOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The file's null tokens: the empty string always, plus each spelling of "no value" ({@code NULL},
 * {@code N/A}, {@code -}, ...) that appears in an otherwise typed column. Tokens apply to the whole
 * file, so a text column holding one is noted too. Immutable.
 */
record NullTokens(List<String> tokens, List<Note> notes) {

  NullTokens {
    tokens = List.copyOf(tokens);
    notes = List.copyOf(notes);
  }

  static NullTokens of(List<ColumnProfile> profiles) {
    List<String> tokens = new ArrayList<>(CsvOptions.DEFAULT_NULL_TOKENS);
    List<Note> notes = new ArrayList<>();
    for (String token : ColumnProfile.NULL_TOKEN_CANDIDATES) {
      for (ColumnProfile p : profiles) {
        Integer count = p.nullTokens().get(token);
        if (count == null || p.type() instanceof ColumnType.Text) continue;
        if (!tokens.contains(token)) tokens.add(token);
        notes.add(
            new Note(
                p.column(),
                "'"
                    + token
                    + "' appears in "
                    + rows(count)
                    + " of '"
                    + p.column()
                    + "' — added as a null token",
                List.of(token, rows(count) + " of " + p.rows())));
      }
      if (!tokens.contains(token)) continue;
      for (ColumnProfile p : profiles) {
        Integer count = p.nullTokens().get(token);
        if (count != null && p.type() instanceof ColumnType.Text) {
          notes.add(
              new Note(
                  p.column(),
                  "'"
                      + token
                      + "' also appears in "
                      + rows(count)
                      + " of text column '"
                      + p.column()
                      + "', which will load as NULL there",
                  List.of(token, rows(count) + " of " + p.rows())));
        }
      }
    }
    return new NullTokens(tokens, notes);
  }

  private static String rows(int n) {
    return n == 1 ? "1 row" : n + " rows";
  }
}
