package io.datamapper.tables;

import io.datamapper.DataMapperException;

/**
 * A page of rows was asked for with a filter or sort the table cannot answer: an unknown column or
 * operator, a missing value, or a value not of the column's type. The caller's input; answered 400.
 */
public class TableQueryException extends DataMapperException {
  private static final long serialVersionUID = 1L;

  public TableQueryException(String message) {
    super(message);
  }

  @Override
  public String problemType() {
    return "bad-table-query";
  }

  @Override
  public String title() {
    return "Bad table query";
  }
}
