package io.datamapper.mapping;

/** XML source options: the repeated record element as a name or a path ({@code /rss/channel/item}). */
public record XmlOptions(String recordPath) {}
