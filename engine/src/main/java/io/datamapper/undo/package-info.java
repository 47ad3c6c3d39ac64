/**
 * Undoing an import in one transaction ({@link io.datamapper.undo.Undoer}): delete what it
 * inserted, restore what it updated, put back what it replaced; refused when a later import changed
 * its rows.
 */
package io.datamapper.undo;
