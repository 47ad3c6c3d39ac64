package io.datamapper.db;

import io.datamapper.mapping.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL role the data-moving statements of an import run as ({@value #NAME}, created by
 * migration V8): a NOLOGIN role with no privilege at all on Data Mapper's own schemas, so a
 * statement aimed at the ledger, the tasks or the job queue fails in the database even if a check
 * in Java were ever missed. The connecting user (the owner of the {@code datamapper} schema, a
 * member of the role) switches to it with {@code SET LOCAL ROLE} for CREATE TABLE, TRUNCATE, COPY
 * and the merge, and back ({@code SET LOCAL ROLE NONE}) for the ledger, rejects, row pre-images and
 * moving a replaced table into {@code datamapper_undo}. Nothing from a file is ever SQL, so
 * switching back is safe.
 *
 * <p>Before the import's transaction, {@link #prepare} grants the role what it needs on the one
 * target the import names (already checked not to be internal): USAGE and CREATE on its schema;
 * SELECT, INSERT, UPDATE and TRUNCATE on an existing table; USAGE on the sequences its column
 * defaults draw from. Grants are never given on an internal schema. When the role is missing, the
 * connecting user cannot switch to it or cannot grant on the target (it does not own it), or the
 * table has row-level security the owner would bypass, the import runs as the connecting user, as
 * before V8: the refusal of internal targets still applies. Not thread-safe: one per import (the
 * class itself is).
 */
public final class ImportRole {
  /** The role's name; roles are cluster-wide. */
  public static final String NAME = "datamapper_import";

  private static final Logger log = LoggerFactory.getLogger(ImportRole.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final int GRANT_TRIES = 4;

  private final boolean active;
  private boolean entered;

  private ImportRole(boolean active) {
    this.active = active;
  }

  /** Whether the data-moving statements run as {@value #NAME}. */
  public boolean active() {
    return active;
  }

  /**
   * Decides whether the import into {@code schema.table} runs as the role and grants it what that
   * target needs. Call on a connection in auto-commit mode, before the import's transaction: grants
   * commit on their own (they are kept, and two imports granting the same table at once would
   * otherwise fail with "tuple concurrently updated").
   */
  public static ImportRole prepare(Connection c, String schema, String table) throws SQLException {
    if (!usable(c)) return new ImportRole(false);
    if (InternalSchemas.problem(schema) != null) return new ImportRole(true); // never a grant there
    for (int attempt = 1; ; attempt++) {
      try {
        return new ImportRole(grant(c, schema, table));
      } catch (SQLException e) {
        // two first imports into one table granting at the same time: the next look sees the grant
        if (attempt >= GRANT_TRIES || !"XX000".equals(e.getSQLState())) throw e;
      }
    }
  }

  /** Inside the import's transaction: run the next statements as the role (no-op when inactive). */
  public void enter(Connection c) throws SQLException {
    if (!active || entered) return;
    execute(c, "SET LOCAL ROLE " + NAME);
    entered = true;
  }

  /** Back to the connecting user, still inside the transaction (no-op when not entered). */
  public void leave(Connection c) throws SQLException {
    if (!entered) return;
    execute(c, "SET LOCAL ROLE NONE");
    entered = false;
  }

  /**
   * Gives the role USAGE and CREATE on {@code schema} when it lacks them: a schema the connecting
   * user has just created in the import's transaction (the role itself may not create schemas).
   * Call as the connecting user.
   */
  public void grantSchemaIfMissing(Connection c, String schema) throws SQLException {
    if (!active || InternalSchemas.problem(schema) != null) return;
    String sql =
        "SELECT has_schema_privilege(?, n.oid, 'USAGE') AND has_schema_privilege(?, n.oid, 'CREATE') "
            + "FROM pg_namespace n WHERE n.nspname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, NAME);
      ps.setString(2, NAME);
      ps.setString(3, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getBoolean(1)) return;
      }
    }
    execute(c, "GRANT USAGE, CREATE ON SCHEMA " + Identifiers.quote(schema) + " TO " + NAME);
  }

  /**
   * Lets the role read a table a lookup names ({@code insert}: and add rows to it, with the
   * sequences its defaults draw from): USAGE on its schema, SELECT (and INSERT) on the table.
   * Returns this role, or an inactive one when it cannot grant (the connecting user does not own
   * the table) or the table has row-level security: then the import runs as the connecting user, as
   * for a target it cannot grant on. Never grants on an internal schema (lookups there are refused
   * before). Call like {@link #prepare}, before the import's transaction.
   */
  public ImportRole alsoLookingUp(Connection c, String schema, String table, boolean insert)
      throws SQLException {
    if (!active || InternalSchemas.problem(schema) != null) return this;
    String target = Identifiers.qualified(schema, table);
    String sql =
        "SELECT has_schema_privilege(?, n.oid, 'USAGE'), coalesce(t.relrowsecurity, false), "
            + "coalesce(has_table_privilege(?, t.oid, 'SELECT') AND (NOT ? OR has_table_privilege(?, t.oid, 'INSERT')), true) "
            + "FROM pg_namespace n LEFT JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = ? AND t.relkind IN ('r', 'p') "
            + "WHERE n.nspname = ?";
    List<String> grants = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, NAME);
      ps.setString(2, NAME);
      ps.setBoolean(3, insert);
      ps.setString(4, NAME);
      ps.setString(5, table);
      ps.setString(6, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return this; // no such schema: the lookup plan names the problem
        if (rs.getBoolean(2)) {
          log.info(
              "{} has row-level security, which its owner bypasses: this import runs as the connecting user",
              target);
          return new ImportRole(false);
        }
        if (!rs.getBoolean(1))
          grants.add("GRANT USAGE ON SCHEMA " + Identifiers.quote(schema) + " TO " + NAME);
        if (!rs.getBoolean(3))
          grants.add(
              "GRANT SELECT" + (insert ? ", INSERT" : "") + " ON TABLE " + target + " TO " + NAME);
      }
    }
    if (insert) grants.addAll(sequenceGrants(c, schema, table));
    if (!execute(c, grants, target + " for a lookup")) return new ImportRole(false);
    return this;
  }

  /**
   * Whether the role exists, is an ordinary role (a superuser or BYPASSRLS role would make this
   * layer pointless) and the connecting user may switch to it.
   */
  private static boolean usable(Connection c) throws SQLException {
    String sql =
        "SELECT NOT r.rolsuper AND NOT r.rolbypassrls AND pg_has_role(current_user, r.oid, "
            + "CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) "
            + "FROM pg_roles r WHERE r.rolname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        boolean usable = rs.next() && rs.getBoolean(1);
        if (!usable && WARNED.compareAndSet(false, true)) {
          // info, not warn: a CLI run would print it every time; a server logs it once at its first
          // import
          log.info(
              "Role {} is missing or this user may not switch to it: imports run as the connecting user, guarded by the "
                  + "refusal of internal schemas only (see docs/decisions.md, least privilege)",
              NAME);
        }
        return usable;
      }
    }
  }

  /** Grants what is missing; false when it cannot (then the import runs as the connecting user). */
  private static boolean grant(Connection c, String schema, String table) throws SQLException {
    List<String> grants = new ArrayList<>();
    String target = Identifiers.qualified(schema, table);
    String sql =
        "SELECT n.oid IS NOT NULL, coalesce(has_schema_privilege(?, n.oid, 'USAGE') AND has_schema_privilege(?, n.oid, 'CREATE'), true), "
            + "t.oid IS NOT NULL, coalesce(t.relrowsecurity, false), coalesce(has_table_privilege(?, t.oid, 'SELECT') "
            + "AND has_table_privilege(?, t.oid, 'INSERT') AND has_table_privilege(?, t.oid, 'UPDATE') "
            + "AND has_table_privilege(?, t.oid, 'TRUNCATE'), true) "
            + "FROM (SELECT 1) one LEFT JOIN pg_namespace n ON n.nspname = ? "
            + "LEFT JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = ? AND t.relkind IN ('r', 'p')";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= 6; i++) ps.setString(i, NAME);
      ps.setString(7, schema);
      ps.setString(8, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) return true; // a new schema: granted when it is created
        if (!rs.getBoolean(2))
          grants.add("GRANT USAGE, CREATE ON SCHEMA " + Identifiers.quote(schema) + " TO " + NAME);
        if (rs.getBoolean(3) && rs.getBoolean(4)) {
          log.info(
              "{} has row-level security, which its owner bypasses: this import runs as the connecting user",
              target);
          return false;
        }
        if (rs.getBoolean(3) && !rs.getBoolean(5))
          grants.add("GRANT SELECT, INSERT, UPDATE, TRUNCATE ON TABLE " + target + " TO " + NAME);
      }
    }
    grants.addAll(sequenceGrants(c, schema, table));
    return execute(c, grants, target);
  }

  /**
   * The grants of the sequences the table's column defaults call ({@code serial}); identity columns
   * need none. The names are quoted by PostgreSQL ({@code format('%I.%I')}) from the catalog;
   * sequences in internal schemas are left out.
   */
  private static List<String> sequenceGrants(Connection c, String schema, String table)
      throws SQLException {
    // the CASE keeps has_sequence_privilege off relations that are not sequences, whatever order
    // the planner picks
    String sql =
        "SELECT DISTINCT format('GRANT USAGE ON SEQUENCE %I.%I TO %I', sn.nspname, s.relname, ?::text) "
            + "FROM pg_attrdef d JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid "
            + "AND dep.refclassid = 'pg_class'::regclass JOIN pg_class s ON s.oid = dep.refobjid AND s.relkind = 'S' "
            + "JOIN pg_namespace sn ON sn.oid = s.relnamespace "
            + "WHERE d.adrelid = to_regclass(?) AND CASE WHEN s.relkind = 'S' THEN NOT has_sequence_privilege(?, s.oid, 'USAGE') END "
            + "AND NOT (sn.nspname = ANY (?) OR sn.nspname = 'information_schema' OR sn.nspname LIKE 'pg\\_%')";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, NAME);
      ps.setString(2, Identifiers.qualified(schema, table));
      ps.setString(3, NAME);
      ps.setArray(
          4, c.createArrayOf("text", new Object[] {InternalSchemas.LEDGER, InternalSchemas.UNDO}));
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        return out;
      }
    }
  }

  /**
   * Runs the grants in order; false, logged, when the connecting user may not give one of them
   * (42501), which leaves the import to run as that user. {@code what} names the access asked for.
   */
  private static boolean execute(Connection c, List<String> grants, String what)
      throws SQLException {
    for (String grant : grants) {
      try {
        execute(c, grant);
      } catch (SQLException e) {
        if (!"42501".equals(e.getSQLState())) throw e;
        log.info(
            "Cannot give role {} access to {} ({}): this import runs as the connecting user",
            NAME,
            what,
            e.getMessage());
        return false;
      }
    }
    return true;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
