package io.datamapper.query;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small database for the console tests: customers, orders (a foreign key), a sequence and a view
 * in a fresh schema of the shared test PostgreSQL, whose connection is a superuser's. Consoles
 * built here use short timeouts so stopped statements cost about a second.
 */
final class QueryFixture {
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private QueryFixture() {}

  static String sampleSchema(String prefix) {
    Migrations.migrate(TestDatabase.dataSource());
    String s = TestDatabase.freshSchema(prefix);
    TestDatabase.execute(
        """
        CREATE TABLE %1$s.customers (id bigint PRIMARY KEY, name text NOT NULL, country text);
        CREATE TABLE %1$s.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES %1$s.customers (id),
                                  total numeric(10,2), ordered_on date);
        INSERT INTO %1$s.customers VALUES (1, 'Ada', 'GB'), (2, 'Alan', 'GB'), (3, 'Grace', 'US'), (4, 'Linus', 'FI'), (5, 'Edsger', 'NL');
        INSERT INTO %1$s.orders SELECT g, 1 + g %% 5, (g * 7 %% 100) + 0.5, date '2024-01-01' + g * 9 FROM generate_series(1, 40) g;
        CREATE SEQUENCE %1$s.order_seq;
        SELECT nextval('%1$s.order_seq');
        CREATE VIEW %1$s.big_orders AS SELECT * FROM %1$s.orders WHERE total > 50;
        """
            .formatted(s));
    return s;
  }

  static QueryConsole console(Set<Layer> layers) {
    return QueryConsole.builder()
        .dataSource(TestDatabase.dataSource())
        .client("test")
        .settings(QuerySettings.defaults().withStatementTimeout(TIMEOUT).withMaxRows(100))
        .layers(layers)
        .build();
  }

  static QueryConsole console() {
    return console(EnumSet.allOf(Layer.class));
  }

  /**
   * A checksum of every table outside the system schemas (the audit table aside): for the attacked
   * schema and Data Mapper's own, md5 over every row; for the other tests' tables (some large) a
   * cheaper signature that still moves on any write — row count, newest xmin, file node (TRUNCATE),
   * column count (ALTER).
   */
  static Map<String, String> checksums(String schema) {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, Object> t :
        TestDatabase.query(
            "SELECT n.nspname AS s, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t, "
                + "c.relfilenode || ':' || c.relnatts AS f FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
                + "AND NOT (n.nspname = 'datamapper' AND c.relname = 'queries')")) {
      String table = (String) t.get("t");
      boolean full = t.get("s").equals(schema) || t.get("s").equals("datamapper");
      String sql =
          full
              ? "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS s FROM "
                  + table
                  + " x"
              : "SELECT count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) AS s FROM "
                  + table
                  + " x";
      out.put(table, t.get("f") + ":" + TestDatabase.query(sql).get(0).get("s"));
    }
    return out;
  }

  /**
   * What else an attack could change: roles, sequences, settings files, prepared statements, locks.
   */
  static Map<String, Object> serverState(String schema) {
    Map<String, Object> out = new TreeMap<>();
    out.put(
        "roles",
        TestDatabase.query(
                "SELECT string_agg(rolname || ':' || rolsuper || rolcanlogin, ',' ORDER BY rolname) AS r FROM pg_roles")
            .get(0)
            .get("r"));
    out.put(
        "reader",
        TestDatabase.query(
                "SELECT (SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                    + "WHERE r.rolname = 'datamapper_reader') AS n")
            .get(0)
            .get("n"));
    out.put(
        "sequence",
        TestDatabase.query(
                "SELECT last_value || ':' || is_called AS v FROM " + schema + ".order_seq")
            .get(0)
            .get("v"));
    out.put(
        "autoconf",
        TestDatabase.query(
                "SELECT count(*) AS n FROM pg_file_settings WHERE sourcefile LIKE '%auto.conf'")
            .get(0)
            .get("n"));
    out.put(
        "advisory",
        TestDatabase.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'")
            .get(0)
            .get("n"));
    out.put(
        "largeobjects",
        TestDatabase.query("SELECT count(*) AS n FROM pg_largeobject_metadata").get(0).get("n"));
    out.put(
        "extensions",
        TestDatabase.query(
                "SELECT string_agg(extname, ',' ORDER BY extname) AS e FROM pg_extension")
            .get(0)
            .get("e"));
    out.put(
        "functions",
        TestDatabase.query(
                "SELECT count(*) AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '"
                    + schema
                    + "'")
            .get(0)
            .get("n"));
    return out;
  }
}
