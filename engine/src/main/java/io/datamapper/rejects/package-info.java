/**
 * The reject store read back: exporting an import's rejected rows as a file and replaying them with
 * the import's own mapping.
 */
package io.datamapper.rejects;
