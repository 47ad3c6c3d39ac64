/**
 * Mapping v2 expressions and row filters in CEL (Common Expression Language): compiled and
 * type-checked once per import against the row's columns, evaluated per row without host access (no
 * I/O, no reflection, no loops beyond bounded comprehensions).
 */
package io.datamapper.expr;
