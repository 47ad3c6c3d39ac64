-- The query console (issue #12): the audit of every question and statement it ran or refused,
-- and the role its SQL runs under.
CREATE TABLE queries (
    id          bigserial   PRIMARY KEY,
    asked_at    timestamptz NOT NULL DEFAULT now(),
    client      text        NOT NULL,
    question    text,
    sql         text,
    verdict     text        NOT NULL CHECK (verdict IN ('answered', 'refused', 'failed', 'cancelled')),
    layer       text        CHECK (layer IN ('parse', 'privilege', 'transaction')),
    reason      text,
    row_count   bigint,
    truncated   boolean     NOT NULL DEFAULT false,
    duration_ms bigint      NOT NULL,
    model       text,
    attempts    int         NOT NULL DEFAULT 0
);

CREATE INDEX queries_asked_at_idx ON queries (asked_at DESC);

-- The console's SQL runs under SET LOCAL ROLE datamapper_reader: a role that cannot log in,
-- owns nothing, is a member of no role (so not of pg_read_server_files, pg_execute_server_program,
-- pg_signal_backend, ...) and is granted only USAGE and SELECT on the user's schemas and
-- datamapper.imports, at query time (io.datamapper.query.PrivilegeGuard). Roles are
-- cluster-wide: it is created once, when missing, and only by a user allowed to create roles.
-- Without that right the migration still succeeds, and the console refuses to run SQL until
-- an administrator creates the role (the refusal says how).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datamapper_reader') THEN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            BEGIN
                CREATE ROLE datamapper_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object THEN
                NULL; -- another database of this cluster created it at the same moment
            END;
        ELSE
            RAISE WARNING 'datamapper: role datamapper_reader is missing and % may not create roles; the query console refuses SQL until an administrator runs: CREATE ROLE datamapper_reader NOLOGIN; GRANT datamapper_reader TO %', current_user, current_user;
        END IF;
    END IF;
    -- SET ROLE needs membership unless the user is a superuser; a creator holds ADMIN OPTION (PostgreSQL 16+)
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'datamapper_reader')
       AND NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND rolsuper)
       AND NOT pg_has_role(current_user, 'datamapper_reader', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT datamapper_reader TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'datamapper: % is not a member of datamapper_reader and may not grant it; run: GRANT datamapper_reader TO %', current_user, current_user;
        END;
    END IF;
END
$$;
