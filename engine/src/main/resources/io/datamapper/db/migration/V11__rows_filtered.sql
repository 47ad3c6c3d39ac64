-- mapping v2 row filters: rows a mapping's filter left out on purpose (never rejects)
ALTER TABLE datamapper.imports ADD COLUMN rows_filtered bigint NOT NULL DEFAULT 0;
