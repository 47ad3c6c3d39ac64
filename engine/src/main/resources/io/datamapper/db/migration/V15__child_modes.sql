-- mapping v2 children under duplicateRow update, upsert, replace and truncate-insert (issue #15)

-- the child rows an update import deleted (the old children of the parents it updated), kept for
-- undo next to the parents' pre-images; child_table names the child table (in the parent's
-- schema), NULL is the import's own table
ALTER TABLE datamapper.row_images ADD COLUMN child_table text;

-- rows_deleted: child rows an update import replaced; kept: a replace import swapped this child
-- table out and keeps it in datamapper_undo as "_dm_old_<import id>_<position>" for undo
ALTER TABLE datamapper.import_children
  ADD COLUMN rows_deleted bigint NOT NULL DEFAULT 0,
  ADD COLUMN kept boolean NOT NULL DEFAULT false;
