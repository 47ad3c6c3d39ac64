package io.datamapper.query;

import io.datamapper.DataMapperException;

/**
 * A statement one layer of the guard refused: the message names the layer and the reason, and the
 * SQL is kept so it can be shown. The question's (or the model's) fault, never a bug.
 */
public final class QueryRefusedException extends DataMapperException {
  private static final long serialVersionUID = 1L;
  private final Layer layer;
  private final String reason;
  private final String sql;

  public QueryRefusedException(Layer layer, String reason, String sql) {
    this(layer, reason, sql, null);
  }

  public QueryRefusedException(Layer layer, String reason, String sql, Throwable cause) {
    super("Refused by the " + layer.label() + " layer: " + reason, cause);
    this.layer = layer;
    this.reason = reason;
    this.sql = sql;
  }

  public Layer layer() {
    return layer;
  }

  public String reason() {
    return reason;
  }

  /** The refused statement, or null when none was written yet. */
  public String sql() {
    return sql;
  }
}
