/**
 * CSV and TSV through FastCSV with the mapping's dialect (delimiter, quote, escape, comments,
 * ragged rows), plus writing CSV lines back (reject export).
 */
package io.datamapper.format.csv;
