package io.datamapper.undo;

import io.datamapper.DataMapperException;

/** An import that cannot be undone, and why (nothing was changed). */
public final class UndoRefusedException extends DataMapperException {
  public UndoRefusedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String problemType() {
    return "undo-refused";
  }

  @Override
  public String title() {
    return "The import cannot be undone";
  }
}
