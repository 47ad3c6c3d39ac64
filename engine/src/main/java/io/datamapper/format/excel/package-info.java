/**
 * Excel workbooks (xlsx through a bounded streaming reader, xls through POI) as records: sheet and
 * header row chosen or detected, cell values as the workbook shows them.
 */
package io.datamapper.format.excel;
