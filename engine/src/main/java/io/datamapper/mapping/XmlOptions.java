package io.datamapper.mapping;

/**
 * XML source options: the repeated record element as a name ({@code item}) or a path ({@code
 * /rss/channel/item}); {@code namespaces} is {@code local} (default: field names use local names,
 * {@code dc:creator} becomes {@code creator}) or {@code prefix} (keep the prefix, {@code
 * dc:creator}).
 */
public record XmlOptions(String recordPath, String namespaces) {
  public XmlOptions(String recordPath) {
    this(recordPath, null);
  }

  public boolean keepPrefixes() {
    return "prefix".equalsIgnoreCase(namespaces);
  }
}
