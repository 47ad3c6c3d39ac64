/**
 * The declarative mapping (source, target, columns, types, transforms, policies), read from YAML or
 * JSON with every problem reported by name, and written back.
 */
package io.datamapper.mapping;
