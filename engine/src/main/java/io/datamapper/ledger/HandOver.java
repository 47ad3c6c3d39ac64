package io.datamapper.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a table being set aside hands to the table taking its place (mode {@code replace}, and its
 * undo): its index names and its serial sequences.
 *
 * <p>A table created {@code LIKE} another gets generated index names ({@code _dm_new_7_pkey}), and
 * the old table's indexes ({@code carts_pkey}) would travel with it into {@code datamapper_undo},
 * where two kept tables from different schemas would clash on the same index name. So the old
 * table's indexes are renamed to {@code PREFIXn} and each one's name goes to the new table's index
 * with the same definition (method, columns, predicate, uniqueness). A sequence the old table owns
 * (a {@code serial} column, which {@code LIKE} shares rather than copies) becomes owned by the new
 * table's column of the same name, so it stays in the user's schema, keeps counting, and is not
 * dropped with the kept table.
 *
 * <p>It runs server-side in one {@code DO} block: the SQL text holds only the two tables' OIDs
 * (numbers) and the prefix Data Mapper made from an import id; names read from the catalog are
 * quoted by {@code format('%I')} inside PostgreSQL, never pasted by Java.
 */
public final class HandOver {
  private HandOver() {}

  /**
   * Renames {@code from}'s indexes to {@code prefix1, prefix2, ...}, gives their names to the
   * matching indexes of {@code to}, and moves ownership of {@code from}'s sequences to {@code to}.
   * Both are qualified, quoted table names; {@code prefix} is made of letters, digits and
   * underscores only.
   */
  public static void hand(Connection c, String from, String to, String prefix) throws SQLException {
    if (!prefix.matches("[a-z0-9_]+")) throw new IllegalArgumentException("bad prefix " + prefix);
    long fromOid = oid(c, from);
    long toOid = oid(c, to);
    String def =
        "(x.indisunique, x.indisprimary, regexp_replace(pg_get_indexdef(x.indexrelid), '^.*? USING ', ''))";
    String block =
        "DO $dm$ DECLARE o record; n oid; used oid[] := '{}'; i int := 0; BEGIN "
            + "FOR o IN SELECT x.indexrelid AS id, c.relname AS name, "
            + def
            + "::text AS def FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = "
            + fromOid
            + " ORDER BY x.indexrelid LOOP "
            + "i := i + 1; "
            + "EXECUTE format('ALTER INDEX %s RENAME TO %I', o.id::regclass, '"
            + prefix
            + "' || i); "
            + "SELECT x.indexrelid INTO n FROM pg_index x WHERE x.indrelid = "
            + toOid
            + " AND "
            + def
            + "::text = o.def AND NOT x.indexrelid = ANY (used) ORDER BY x.indexrelid LIMIT 1; "
            + "IF n IS NOT NULL THEN used := used || n; "
            + "EXECUTE format('ALTER INDEX %s RENAME TO %I', n::regclass, o.name); END IF; "
            + "END LOOP; "
            + "FOR o IN SELECT d.objid AS seq, a.attname AS col FROM pg_depend d "
            + "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            + "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
            + "WHERE d.refobjid = "
            + fromOid
            + " AND d.classid = 'pg_class'::regclass AND d.deptype = 'a' LOOP "
            + "IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = "
            + toOid
            + " AND attname = o.col AND NOT attisdropped) "
            + "AND (SELECT relowner FROM pg_class WHERE oid = "
            + toOid
            + ") = (SELECT relowner FROM pg_class WHERE oid = o.seq) THEN "
            + "EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', o.seq::regclass, "
            + toOid
            + "::regclass, o.col); "
            + "ELSE EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', o.seq::regclass); END IF; "
            + "END LOOP; END $dm$";
    try (Statement s = c.createStatement()) {
      s.execute(block);
    }
  }

  private static long oid(Connection c, String qualified) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::regclass::oid")) {
      ps.setString(1, qualified);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
