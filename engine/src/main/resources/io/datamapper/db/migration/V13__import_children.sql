-- mapping v2 children: the child tables an import loaded, so undo can remove their rows (and drop
-- a child table the import created when it is left empty)
CREATE TABLE datamapper.import_children (
  import_id bigint NOT NULL REFERENCES datamapper.imports (id) ON DELETE CASCADE,
  position integer NOT NULL,
  target_schema text NOT NULL,
  target_table text NOT NULL,
  path text NOT NULL,
  created_table boolean NOT NULL,
  rows_inserted bigint NOT NULL,
  PRIMARY KEY (import_id, position)
);
