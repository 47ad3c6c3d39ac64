-- The import ledger: one row per import attempt, written before the first row moves and
-- finished in the same transaction as the data (so a succeeded row means the data is there).
CREATE TABLE imports (
    id                      bigserial PRIMARY KEY,
    file_name               text        NOT NULL,
    source_uri              text,
    file_size               bigint,
    sha256                  text,
    format                  text,
    mapping                 jsonb       NOT NULL,
    target_schema           text        NOT NULL,
    target_table            text        NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'undone')),
    dry_run                 boolean     NOT NULL DEFAULT false,
    created_table           boolean     NOT NULL DEFAULT false,
    rows_read               bigint      NOT NULL DEFAULT 0,
    rows_inserted           bigint      NOT NULL DEFAULT 0,
    rows_updated            bigint      NOT NULL DEFAULT 0,
    rows_duplicate_in_file  bigint      NOT NULL DEFAULT 0,
    rows_duplicate_in_table bigint      NOT NULL DEFAULT 0,
    rows_rejected           bigint      NOT NULL DEFAULT 0,
    started_at              timestamptz NOT NULL DEFAULT now(),
    finished_at             timestamptz,
    duration_ms             bigint,
    error                   text
);

CREATE INDEX imports_sha256_idx ON imports (sha256, target_schema, target_table) WHERE status = 'succeeded';
CREATE INDEX imports_name_size_idx ON imports (file_name, file_size) WHERE status = 'succeeded';

-- The reject store: every row that was not loaded, with the reason and the raw input.
CREATE TABLE rejects (
    id            bigserial PRIMARY KEY,
    import_id     bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    record_number bigint NOT NULL,
    line_number   bigint,
    column_name   text,
    value         text,
    reason        text   NOT NULL,
    raw           text
);

CREATE INDEX rejects_import_idx ON rejects (import_id, record_number);
