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
}
