package io.datamapper.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Schemas that are never an import target (nor touched by an undo): Data Mapper's own ({@code
 * datamapper}, {@code datamapper_undo}) and PostgreSQL's ({@code pg_catalog}, {@code
 * information_schema}, {@code pg_toast}, the {@code pg_temp*} schemas, any {@code pg_*}). A name is
 * checked in every spelling that could reach one of them (case, surrounding quotes or spaces), and
 * a schema is also checked through the catalog, so a target resolved by PostgreSQL to one of them
 * is refused whatever it was called. Stateless.
 */
public final class InternalSchemas {
  /** Data Mapper's ledger, rejects, tasks and job queue. */
  public static final String LEDGER = Migrations.SCHEMA;

  /** Tables swapped out by mode {@code replace}, kept for undo. */
  public static final String UNDO = "datamapper_undo";

  private static final Set<String> OURS = Set.of(LEDGER, UNDO);

  private InternalSchemas() {}

  /**
   * Why {@code schema} cannot be an import target, or {@code null} when it can. Whose schema it is
   * is named in the message: "schema 'datamapper' belongs to Data Mapper and cannot be an import
   * target".
   */
  public static String problem(String schema) {
    if (schema == null) return null;
    String folded = schema.strip().replace("\"", "").strip().toLowerCase(Locale.ROOT);
    String spelled = folded.equals(schema) ? "" : " (it is spelled like '" + folded + "')";
    if (OURS.contains(folded)) {
      return "schema '"
          + schema
          + "' belongs to Data Mapper"
          + spelled
          + " and cannot be an import target; choose another schema";
    }
    if (folded.equals("information_schema") || folded.startsWith("pg_")) {
      return "schema '"
          + schema
          + "' belongs to PostgreSQL"
          + spelled
          + " and cannot be an import target; choose another schema";
    }
    return null;
  }

  /**
   * Asks the catalog whether the schema named exactly {@code schema} (as quoted SQL would name it)
   * is internal: one of the names above, the session's or another session's temporary schema, or a
   * TOAST schema. Empty when the schema does not exist (it will be created).
   */
  public static Optional<Boolean> internalInCatalog(Connection c, String schema)
      throws SQLException {
    String sql =
        "SELECT n.nspname = ANY (?) OR n.nspname = 'information_schema' OR n.nspname LIKE 'pg\\_%' "
            + "OR n.oid = pg_my_temp_schema() OR pg_is_other_temp_schema(n.oid) FROM pg_namespace n WHERE n.nspname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", OURS.toArray()));
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
      }
    }
  }
}
