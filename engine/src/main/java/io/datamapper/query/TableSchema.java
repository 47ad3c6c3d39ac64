package io.datamapper.query;

import java.util.List;

/**
 * What the console knows of one table (or view) a question may use: columns and types, the
 * planner's row estimate (-1 when unknown), keys, foreign keys, and the files it was imported from
 * according to the ledger. Immutable.
 */
public record TableSchema(
    String schema,
    String name,
    String kind,
    long rows,
    List<Column> columns,
    List<String> keys,
    List<String> foreignKeys,
    List<String> files) {

  /** A column: name, type as PostgreSQL prints it ({@code numeric(12,2)}), and NOT NULL. */
  public record Column(String name, String type, boolean notNull) {}

  public TableSchema {
    columns = List.copyOf(columns);
    keys = List.copyOf(keys);
    foreignKeys = List.copyOf(foreignKeys);
    files = List.copyOf(files);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  boolean isLedger() {
    return schema.equals("datamapper") && name.equals("imports");
  }
}
