package io.datamapper.storage;

import io.datamapper.DataMapperException;

/**
 * An object store could not give what was asked: the bucket or object does not exist ({@link
 * Kind#NOT_FOUND}), the store refused this process's credentials ({@link Kind#ACCESS_DENIED}), or
 * it could not be reached or failed otherwise ({@link Kind#UNAVAILABLE}). {@link #url()} names what
 * was asked; the message never holds a secret.
 */
public class ObjectStoreException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  /** Who has to act: the caller (a wrong name) or whoever configures the store's access. */
  public enum Kind {
    NOT_FOUND,
    ACCESS_DENIED,
    UNAVAILABLE
  }

  private final Kind kind;
  private final String url;

  public ObjectStoreException(Kind kind, String url, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.url = url;
  }

  public Kind kind() {
    return kind;
  }

  /** The object, prefix or bucket URL asked for ({@code b2://bucket/key}). */
  public String url() {
    return url;
  }

  /**
   * A wrong name is the caller's to fix; refused credentials or a failing store are the server's
   * side (a gateway).
   */
  @Override
  public int status() {
    return kind() == Kind.NOT_FOUND ? 422 : 502;
  }

  @Override
  public String problemType() {
    return kind() == Kind.NOT_FOUND ? "no-such-object" : "object-store";
  }

  @Override
  public String title() {
    return kind() == Kind.NOT_FOUND
        ? "No such bucket or object"
        : "The object store refused or failed";
  }
}
