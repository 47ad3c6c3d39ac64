package io.datamapper.undo;

import io.datamapper.DataMapperException;

/** An import that cannot be undone, and why (nothing was changed). */
public final class UndoRefusedException extends DataMapperException {
  public UndoRefusedException(String message) {
    super(message);
  }
}
