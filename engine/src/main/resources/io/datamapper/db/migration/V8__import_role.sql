-- Least privilege: the role the data-moving statements of an import run as (SET LOCAL ROLE, see
-- io.datamapper.db.ImportRole). It logs in nowhere and has no privilege on Data Mapper's own
-- schemas, so a statement aimed at the ledger, the tasks or the job queue fails in the database.
-- Roles are cluster-wide: it is created only when missing. A connecting user that may not create
-- it (no CREATEROLE) or not switch to it gets a warning, and imports then run as that user,
-- guarded by the refusal of internal targets alone.
DO $$
DECLARE
  modern boolean := current_setting('server_version_num')::int >= 160000;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datamapper_import') THEN
    BEGIN
      CREATE ROLE datamapper_import NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'Data Mapper: cannot create role datamapper_import (%): imports run as %', SQLERRM, current_user;
      RETURN;
    END;
  END IF;
  -- the connecting user switches to the role (SET) and, as a member that inherits its
  -- privileges, can still drop or rename the tables the role created (undo, replace)
  IF NOT pg_has_role(current_user, 'datamapper_import', CASE WHEN modern THEN 'SET' ELSE 'MEMBER' END)
     OR NOT pg_has_role(current_user, 'datamapper_import', 'USAGE') THEN
    BEGIN
      IF modern THEN
        EXECUTE format('GRANT datamapper_import TO %I WITH INHERIT TRUE, SET TRUE', current_user);
      ELSE
        EXECUTE format('GRANT datamapper_import TO %I', current_user);
      END IF;
    EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
      RAISE WARNING 'Data Mapper: cannot make % a member of datamapper_import (%): imports run as %', current_user, SQLERRM, current_user;
    END;
  END IF;
END $$;

-- the tables mode replace keeps for undo live here; created by the owner now, so the import
-- role can never create (and own) it
CREATE SCHEMA IF NOT EXISTS datamapper_undo;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datamapper_import') THEN
    BEGIN
      REVOKE ALL ON SCHEMA datamapper, datamapper_undo FROM datamapper_import;
      REVOKE ALL ON ALL TABLES IN SCHEMA datamapper, datamapper_undo FROM datamapper_import;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA datamapper, datamapper_undo FROM datamapper_import;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'Data Mapper: cannot revoke privileges of datamapper_import (%)', SQLERRM;
    END;
  END IF;
END $$;
