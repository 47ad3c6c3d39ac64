package io.datamapper.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second layer: statements run under {@code SET LOCAL ROLE} to a NOLOGIN role (migration V10
 * creates {@code datamapper_reader}) that owns nothing, is a member of no role (so not of {@code
 * pg_read_server_files}, {@code pg_execute_server_program}, {@code pg_signal_backend} …) and may
 * only use the user's schemas and SELECT their tables and the ledger {@code datamapper.imports}.
 * Even on a superuser connection a statement then cannot read {@code pg_authid} or server files,
 * run programs, signal backends or write a table.
 *
 * <p>Grants are made at query time, as the connecting user, for the tables that lack them, so a
 * table imported after the server started is readable at once; {@code ALTER DEFAULT PRIVILEGES}
 * would cover only tables created by one role and would also reach Data Mapper's future internal
 * tables. When the role is missing and cannot be created, or is unsafe, this layer refuses every
 * statement and says how to fix it. Stateless; thread-safe.
 */
public final class PrivilegeGuard {
  private static final Logger log = LoggerFactory.getLogger(PrivilegeGuard.class);

  /** The schemas the role may read: everything but the system's and Data Mapper's own. */
  static final String USER_SCHEMA =
      "n.nspname NOT IN ('pg_catalog', 'information_schema', 'datamapper', 'datamapper_undo') "
          + "AND n.nspname NOT LIKE 'pg\\_%'";

  private final String role;

  /** {@code role} is spliced into SQL, so it must be a plain lower-case name. */
  public PrivilegeGuard(String role) {
    if (role == null || !role.matches("[a-z_][a-z0-9_]{0,62}"))
      throw new IllegalArgumentException("not a plain role name: " + role);
    this.role = role;
  }

  public String role() {
    return role;
  }

  /**
   * As the connecting user, before the statement's transaction: the role exists, is safe, has its
   * grants and can be set.
   */
  public void prepare(Connection owner, String sql) {
    try {
      ensureRole(owner, sql);
      grantMissing(owner);
      ensureMembership(owner, sql);
    } catch (SQLException e) {
      throw new QueryRefusedException(
          Layer.PRIVILEGE, "cannot prepare the role " + role + ": " + e.getMessage(), sql, e);
    }
  }

  /**
   * From here on the statement has the role's rights only: {@code SET LOCAL ROLE} inside the
   * transaction, or {@code SET ROLE} when there is none (the connection is discarded after use).
   * Confirms {@code current_user} is the role before anything else runs.
   */
  public void enter(Connection c, String sql, boolean inTransaction) {
    try (Statement s = c.createStatement()) {
      s.execute((inTransaction ? "SET LOCAL ROLE " : "SET ROLE ") + role);
      try (ResultSet rs = s.executeQuery("SELECT current_user")) {
        if (!rs.next() || !role.equals(rs.getString(1))) {
          throw new QueryRefusedException(
              Layer.PRIVILEGE, "the statement would not run as " + role, sql);
        }
      }
    } catch (SQLException e) {
      throw new QueryRefusedException(
          Layer.PRIVILEGE,
          "cannot SET ROLE " + role + " (" + e.getMessage() + "). " + fix(null),
          sql,
          e);
    }
  }

  private void ensureRole(Connection c, String sql) throws SQLException {
    String check =
        "SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls, r.rolcanlogin, "
            + "(SELECT string_agg(g.rolname, ', ') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) "
            + "FROM pg_roles r WHERE r.rolname = ?";
    try (PreparedStatement ps = c.prepareStatement(check)) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          create(c, sql);
          return;
        }
        if (rs.getBoolean(1))
          throw unsafe(sql, "it has SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS");
        if (rs.getBoolean(2)) throw unsafe(sql, "it can log in (LOGIN)");
        if (rs.getString(3) != null) throw unsafe(sql, "it is a member of " + rs.getString(3));
      }
    }
  }

  private void create(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE ROLE "
              + role
              + " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS");
    } catch (SQLException e) {
      if ("42710".equals(e.getSQLState())) return; // created concurrently
      if ("42501".equals(e.getSQLState())) {
        throw new QueryRefusedException(
            Layer.PRIVILEGE,
            "the role "
                + role
                + ", under which the console's SQL runs, does not exist and "
                + currentUser(c)
                + " may not create it, so no SQL runs. "
                + fix(currentUser(c)),
            sql,
            e);
      }
      throw e;
    }
  }

  private QueryRefusedException unsafe(String sql, String why) {
    return new QueryRefusedException(
        Layer.PRIVILEGE,
        "the role "
            + role
            + " is not safe to run SQL under: "
            + why
            + ". Recreate it: DROP ROLE "
            + role
            + "; CREATE ROLE "
            + role
            + " NOLOGIN;",
        sql);
  }

  private String fix(String user) {
    String who = user == null ? "the user Data Mapper connects as" : user;
    return "An administrator can fix this: CREATE ROLE "
        + role
        + " NOLOGIN; GRANT "
        + role
        + " TO "
        + who
        + "; (or connect once as a user with CREATEROLE, which creates it).";
  }

  /**
   * Grants USAGE and SELECT where the role lacks them: user schemas and their tables, views, and
   * the ledger.
   */
  private void grantMissing(Connection c) throws SQLException {
    String missing =
        "SELECT 'SCHEMA ' || quote_ident(n.nspname) FROM pg_namespace n "
            + "WHERE ("
            + USER_SCHEMA
            + " OR n.nspname = 'datamapper') AND NOT has_schema_privilege(?, n.oid, 'USAGE') "
            + "UNION ALL SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ("
            + USER_SCHEMA
            + " OR (n.nspname = 'datamapper' AND c.relname = 'imports')) "
            + "AND NOT has_table_privilege(?, c.oid, 'SELECT')";
    List<String> grants = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(missing)) {
      ps.setString(1, role);
      ps.setString(2, role);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String object = rs.getString(1);
          grants.add(
              object.startsWith("SCHEMA ")
                  ? "GRANT USAGE ON " + object + " TO " + role
                  : "GRANT SELECT ON " + object + " TO " + role);
        }
      }
    }
    for (String grant : grants) {
      try (Statement s = c.createStatement()) {
        s.execute(grant);
      } catch (SQLException e) {
        // a table the connecting user does not own stays unreadable: its query is refused later by
        // PostgreSQL
        log.debug("{}: {}", grant, e.getMessage());
      }
    }
  }

  private void ensureMembership(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT rolsuper OR pg_has_role(current_user, '"
                    + role
                    + "', 'MEMBER'), current_user FROM pg_roles WHERE rolname = current_user")) {
      if (!rs.next() || rs.getBoolean(1)) return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("GRANT " + role + " TO CURRENT_USER");
    } catch (SQLException e) {
      throw new QueryRefusedException(
          Layer.PRIVILEGE,
          currentUser(c)
              + " may not SET ROLE "
              + role
              + " and cannot grant it to itself. "
              + fix(currentUser(c)),
          sql,
          e);
    }
  }

  private static String currentUser(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "the connecting user";
    }
  }
}
