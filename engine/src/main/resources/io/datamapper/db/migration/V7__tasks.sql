-- Background tasks (async imports) as users see them: what was asked, where the upload is
-- staged, live progress, the cancel flag and the outcome. db-scheduler only runs them.
CREATE TABLE tasks (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    phase         text        NOT NULL,
    file_name     text        NOT NULL,
    staged_path   text,
    file_size     bigint,
    request       jsonb       NOT NULL,
    node          text,
    attempts      int         NOT NULL DEFAULT 0,
    rows_read     bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint      NOT NULL DEFAULT 0,
    bytes_read    bigint      NOT NULL DEFAULT 0,
    percent       double precision,
    rows_per_sec  double precision,
    eta_seconds   bigint,
    cancel_requested boolean  NOT NULL DEFAULT false,
    import_id     bigint,
    summary       jsonb,
    error         jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_created_idx ON tasks (created_at DESC);
