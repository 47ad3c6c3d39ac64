-- The server's audit log: every mutating request (POST, PUT, PATCH, DELETE) and every refused
-- one (400 for a refused path, 401, 403, 429), with who sent it, what it touched and how it
-- ended. A key appears only as its id (the first 8 hex digits of its SHA-256), never itself.
-- Rows are only added; operators prune old ones (DELETE FROM datamapper.audit WHERE at < ...).
CREATE TABLE audit (
    id             bigserial   PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    node           text        NOT NULL,
    key_id         text        NOT NULL,
    role           text,
    remote_address text,
    method         text        NOT NULL,
    route          text,
    path           text        NOT NULL,  -- as sent, with the query string (cut at 300 characters)
    target         jsonb,
    status         int         NOT NULL,
    duration_ms    bigint      NOT NULL
);

CREATE INDEX audit_at_idx ON audit (at DESC);
