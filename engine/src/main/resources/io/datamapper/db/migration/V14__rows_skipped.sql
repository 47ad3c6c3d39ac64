-- rows with data a reader passed over on purpose (Excel rows after excel.lastRow): never silent
ALTER TABLE datamapper.imports ADD COLUMN rows_skipped bigint NOT NULL DEFAULT 0;
