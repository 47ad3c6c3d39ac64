/**
 * Reading input files as streams of records ({@link io.datamapper.format.RecordReaders}):
 * decompression with bomb limits, encoding detection and the read limits every format honours; one
 * subpackage per format.
 */
package io.datamapper.format;
