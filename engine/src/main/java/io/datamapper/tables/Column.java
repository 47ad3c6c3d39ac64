package io.datamapper.tables;

/**
 * A column from the catalog.
 *
 * @param name the column's name
 * @param type the SQL type as PostgreSQL prints it ({@code numeric(12,2)})
 * @param nullable whether it accepts NULL
 * @param defaultValue the default expression, or null
 */
public record Column(String name, String type, boolean nullable, String defaultValue) {}
