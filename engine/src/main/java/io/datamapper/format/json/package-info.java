/**
 * JSON, JSON Lines and nested JSON as records: the record array is found (or named), nested fields
 * are flattened to dotted names, and a document is streamed, never held whole.
 */
package io.datamapper.format.json;
