package io.datamapper.storage;

import io.datamapper.DataMapperException;

/**
 * A source this process is configured not to read: a URL whose host resolves to a loopback,
 * private, link-local or metadata address (see {@link HostPolicy}), or a bucket outside the
 * allow-list (see {@link AllowedBuckets}). The caller asked for something it may not have; a server
 * answers 403. {@link #url()} names what was asked, without secrets.
 */
public class SourceNotAllowedException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private final String url;

  public SourceNotAllowedException(String url, String message) {
    super(message);
    this.url = url;
  }

  /** The URL (or bucket URL) that was refused. */
  public String url() {
    return url;
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String problemType() {
    return "source-not-allowed";
  }

  @Override
  public String title() {
    return "This source may not be read";
  }
}
