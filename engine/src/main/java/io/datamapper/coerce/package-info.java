/**
 * Text to column values: {@link io.datamapper.coerce.ValueParser#forColumn} turns one source string
 * into the Java value a column of a given type holds, the way PostgreSQL would read it but refusing
 * anything it would store differently from what the user sees, and throws {@link
 * io.datamapper.coerce.CoercionException} (the row's fault) otherwise. Depends only on {@code
 * mapping}; {@code load}, {@code load.copy} and {@code detect} use it.
 */
package io.datamapper.coerce;
