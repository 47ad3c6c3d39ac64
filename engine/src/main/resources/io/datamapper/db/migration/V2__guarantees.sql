-- Import guarantees: replays of rejects, undo, reject error codes, pre-images of updated rows.

-- the import that replays the rejects of another one points at it
ALTER TABLE imports ADD COLUMN replay_of bigint REFERENCES imports (id);
-- the source's field names in file order (the header), so rejects can be written back as a file
ALTER TABLE imports ADD COLUMN source_fields jsonb;
-- mode replace keeps the table it swapped out here, until undo or the next replace
ALTER TABLE imports ADD COLUMN kept_table text;
ALTER TABLE imports ADD COLUMN undone_at timestamptz;
ALTER TABLE imports ADD COLUMN undo_note text;

-- a short, stable code for each reject reason (bad-value, missing-value, malformed-record, ...)
ALTER TABLE rejects ADD COLUMN code text;

-- rows an import updated, as they were before (for undo); prev_import_id is the import that
-- had written the row, so undoing that one can tell it was changed later
CREATE TABLE row_images (
    import_id      bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    prev_import_id bigint,
    before         jsonb  NOT NULL
);

CREATE INDEX row_images_import_idx ON row_images (import_id);
CREATE INDEX row_images_prev_idx ON row_images (prev_import_id);
