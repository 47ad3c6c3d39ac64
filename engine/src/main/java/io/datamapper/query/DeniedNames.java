package io.datamapper.query;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the parse layer never lets through, by name: functions with side effects or server access,
 * catalog relations holding secrets, and keywords that only a writing statement uses. Names are
 * compared after unquoting and lower-casing, with any schema stripped, so {@code
 * "PG_CATALOG"."pg_sleep"} and {@code pg_catalog.PG_SLEEP} are both {@code pg_sleep} (a quoted
 * upper-case name is another, nonexistent function: refusing it too is failing closed).
 */
final class DeniedNames {
  /** Functions refused by exact name. */
  private static final Set<String> FUNCTIONS =
      Set.of(
          "set_config",
          "nextval",
          "setval",
          "currval",
          "lastval",
          "pg_terminate_backend",
          "pg_cancel_backend",
          "pg_signal_backend",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_promote",
          "pg_switch_wal",
          "pg_notify",
          "pg_export_snapshot",
          "pg_import_system_collations",
          "pg_log_backend_memory_contexts",
          "pg_stat_file",
          "pg_current_logfile",
          "pg_hba_file_rules",
          "pg_ident_file_mappings",
          "pg_show_all_file_settings",
          "txid_current",
          "pg_current_xact_id",
          "loread",
          "lowrite",
          "ts_stat",
          "ts_rewrite",
          "pg_prewarm",
          "pg_start_backup",
          "pg_stop_backup",
          "pg_sync_replication_slots",
          "pg_nextoid");

  /** Function families refused by prefix. */
  private static final List<String> PREFIXES =
      List.of(
          "pg_sleep",
          "pg_read_",
          "pg_ls_",
          "pg_file_",
          "lo_",
          "dblink",
          "pg_advisory",
          "pg_try_advisory",
          "pg_stat_reset",
          "pg_stat_statements_reset",
          "pg_backup_",
          "pg_wal_replay_",
          "pg_create_",
          "pg_drop_",
          "pg_copy_",
          "pg_replication_",
          "pg_logical_",
          "pg_terminate_",
          "pg_cancel_",
          "pg_truncate_",
          "pg_clear_",
          "pg_restore_",
          "pg_set_",
          "binary_upgrade_",
          // these run a query given as text, so they would hide anything from this layer
          "query_to_xml",
          "cursor_to_xml",
          "table_to_xml",
          "schema_to_xml",
          "database_to_xml");

  /** Catalog relations with passwords, files or raw statistics. */
  private static final Set<String> RELATIONS =
      Set.of(
          "pg_authid",
          "pg_shadow",
          "pg_user_mapping",
          "pg_user_mappings",
          "pg_largeobject",
          "pg_largeobject_metadata",
          "pg_file_settings",
          "pg_statistic",
          "pg_statistic_ext_data");

  /** Keywords that occur only in statements that write, lock or change the session. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "insert",
          "update",
          "delete",
          "merge",
          "into",
          "copy",
          "truncate",
          "drop",
          "create",
          "alter",
          "grant",
          "revoke",
          "execute",
          "prepare",
          "do",
          "notify",
          "listen",
          "vacuum",
          "analyze",
          "analyse",
          "refresh",
          "discard",
          "lock");

  private DeniedNames() {}

  /** Why calling {@code name} is refused, if it is. */
  static Optional<String> function(String name) {
    String n = bare(name);
    if (FUNCTIONS.contains(n)) return Optional.of(n);
    for (String p : PREFIXES) {
      if (n.startsWith(p)) return Optional.of(n);
    }
    return Optional.empty();
  }

  static boolean relation(String name) {
    return RELATIONS.contains(bare(name));
  }

  static boolean keyword(String lowerCaseWord) {
    return KEYWORDS.contains(lowerCaseWord);
  }

  /** The last part of a possibly qualified, possibly quoted name, unquoted and lower-cased. */
  static String bare(String name) {
    String n = name.trim();
    int dot = lastDotOutsideQuotes(n);
    if (dot >= 0) n = n.substring(dot + 1);
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\""))
      n = n.substring(1, n.length() - 1).replace("\"\"", "\"");
    return n.toLowerCase(Locale.ROOT);
  }

  private static int lastDotOutsideQuotes(String n) {
    boolean quoted = false;
    int last = -1;
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == '.' && !quoted) last = i;
    }
    return last;
  }
}
