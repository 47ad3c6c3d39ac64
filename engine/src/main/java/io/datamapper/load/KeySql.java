package io.datamapper.load;

import java.util.ArrayList;
import java.util.List;

/** SQL fragments over quoted key and column names for {@link KeyedMerge}. Stateless. */
final class KeySql {
  private KeySql() {}

  /**
   * The key's values as text for messages, computed by PostgreSQL: {@code '17'} or {@code ('1',
   * 'x')}. The key's names never go into SQL as text (they are joined in Java).
   */
  static String values(List<String> keys, String alias) {
    List<String> parts = new ArrayList<>();
    for (String k : keys) parts.add("quote_literal(" + alias + "." + k + "::text)");
    return keys.size() == 1
        ? parts.get(0)
        : "'(' || concat_ws(', ', " + String.join(", ", parts) + ") || ')'";
  }

  /** {@code alias.a, alias.b, ...}. */
  static String prefixed(String alias, List<String> names) {
    return String.join(", ", names.stream().map(n -> alias + "." + n).toList());
  }

  /** {@code a.k1 = b.k1 AND a.k2 = b.k2 ...}. */
  static String join(List<String> keys, String a, String b) {
    List<String> parts = new ArrayList<>();
    for (String k : keys) parts.add(a + "." + k + " = " + b + "." + k);
    return String.join(" AND ", parts);
  }

  /**
   * A temporary table {@code picked} holding one staged row per key: the first in the file, or the
   * last.
   */
  static String pick(List<String> keys, boolean first, String picked) {
    return "CREATE TEMPORARY TABLE "
        + picked
        + " ON COMMIT DROP AS SELECT * FROM "
        + Staging.TABLE
        + " s WHERE NOT EXISTS (SELECT 1 FROM "
        + Staging.TABLE
        + " o WHERE "
        + join(keys, "o", "s")
        + " AND o."
        + Staging.RECORD
        + (first ? " < " : " > ")
        + "s."
        + Staging.RECORD
        + ")";
  }
}
