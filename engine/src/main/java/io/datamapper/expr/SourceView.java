package io.datamapper.expr;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code src}: the raw text of the record's fields by field name, as read from the file before
 * transforms. An empty or missing field is absent ({@code "Field" in src} is false). A view over
 * the current record's values: no copy per row.
 */
final class SourceView extends AbstractMap<String, String> {
  private final Map<String, Integer> index = new HashMap<>();
  private String[] values = new String[0];

  SourceView(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) index.putIfAbsent(fields.get(i), i);
  }

  void values(String[] values) {
    this.values = values;
  }

  @Override
  public String get(Object key) {
    Integer at = index.get(key);
    return at == null || at >= values.length ? null : values[at];
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    Set<Entry<String, String>> entries = new LinkedHashSet<>();
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      String v = get(e.getKey());
      if (v != null) entries.add(new SimpleImmutableEntry<>(e.getKey(), v));
    }
    return entries;
  }
}
