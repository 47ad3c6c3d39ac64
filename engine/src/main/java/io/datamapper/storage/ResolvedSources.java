package io.datamapper.storage;

import io.datamapper.load.ImportSource;
import java.util.List;

/**
 * The sources one location stands for, in import order; {@code prefix} tells whether the location
 * named a prefix (so several imports, each its own ledger entry). Holds the store's client until
 * closed. The sources may be opened from several threads.
 */
public final class ResolvedSources implements AutoCloseable {
  private final List<ImportSource> sources;
  private final boolean prefix;
  private final AutoCloseable client;

  ResolvedSources(List<ImportSource> sources, boolean prefix, AutoCloseable client) {
    this.sources = List.copyOf(sources);
    this.prefix = prefix;
    this.client = client;
  }

  public List<ImportSource> sources() {
    return sources;
  }

  public boolean prefix() {
    return prefix;
  }

  @Override
  public void close() {
    if (client == null) return;
    try {
      client.close();
    } catch (Exception ignored) {
      // a client that cannot close cleanly has nothing left to lose
    }
  }
}
