package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parse layer on its own: what a model usually writes passes, what writes, locks or reaches the
 * server is refused.
 */
class ParseGuardTest {
  private final ParseGuard guard = new ParseGuard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "select country, sum(total) AS total from public.orders where ordered_on >= date '2024-01-01' group by 1 order by 2 desc limit 5",
        "WITH t AS (SELECT * FROM s.orders) SELECT count(*) FROM t",
        "VALUES (1, 'a'), (2, 'b')",
        "TABLE public.orders",
        "EXPLAIN SELECT * FROM public.orders",
        "EXPLAIN (FORMAT JSON) SELECT 1",
        "SELECT o.id, c.name FROM public.orders o JOIN public.customers c ON c.id = o.customer_id",
        "SELECT date_trunc('month', ordered_on)::date AS month, count(*) FROM public.orders GROUP BY 1 ORDER BY 1",
        "SELECT DISTINCT ON (country) country, total FROM public.orders ORDER BY country, total DESC",
        "SELECT count(*) FILTER (WHERE total > 10) FROM public.orders",
        "SELECT name FROM public.people WHERE name ILIKE '%ada%'",
        "SELECT file_name, rows_inserted FROM datamapper.imports WHERE status = 'succeeded' ORDER BY started_at DESC",
        "SELECT rank() OVER (PARTITION BY country ORDER BY total DESC), * FROM public.orders",
        "SELECT 1;",
        "SELECT 1; -- done",
        "SELECT 'it''s; not -- a comment' AS s",
        "SELECT substring('abcdef' FROM 2 FOR 3)",
        "SELECT * FROM (SELECT 1 AS a UNION ALL SELECT 2) x",
        "SELECT \"Order ID\" FROM public.\"My Orders\"",
        "SELECT extract(year FROM ordered_on) AS y FROM public.orders",
        "SELECT interval '1 day' * 3",
        "SELECT coalesce(lo_value, 0) FROM public.t"
      })
  void ordinary_reads_pass(String sql) {
    assertThat(guard.check(sql)).isEqualTo(sql.replaceAll(";( -- done)?$", ""));
  }

  /**
   * PostgreSQL idioms models write; JSqlParser must read them all (the guard fails closed on what
   * it cannot read).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM s.orders",
        "SELECT string_agg(name, ', ' ORDER BY name) FROM s.c",
        "SELECT * FROM s.orders ORDER BY total DESC NULLS LAST FETCH FIRST 5 ROWS ONLY",
        "SELECT x IS DISTINCT FROM y FROM s.t",
        "SELECT data->>'name', data @> '{\"a\":1}' FROM s.t",
        "SELECT to_char(ordered_on, 'YYYY-MM') AS m, round(avg(total)::numeric, 2) FROM s.orders GROUP BY 1",
        "SELECT * FROM s.orders WHERE ordered_on > now() - interval '30 days' AND ordered_on <= current_date",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
        "SELECT country, count(*) FROM s.c GROUP BY GROUPING SETS ((country), ())",
        "SELECT id FROM s.t WHERE id = ANY(ARRAY[1,2,3])",
        "SELECT extract(epoch FROM ordered_on::timestamp) FROM s.orders",
        "SELECT CASE WHEN total > 10 THEN 'big' ELSE 'small' END AS size, count(*) FROM s.orders GROUP BY 1",
        "SELECT o.*, c.name FROM s.orders o LEFT JOIN LATERAL (SELECT name FROM s.c WHERE c.id = o.cid LIMIT 1) c ON true",
        "SELECT date_part('year', ordered_on)::int AS y, sum(total) FILTER (WHERE status = 'shipped') FROM s.orders GROUP BY y ORDER BY y",
        "SELECT ntile(4) OVER (ORDER BY total) AS q, total FROM s.orders",
        "SELECT lag(total) OVER w, total FROM s.orders WINDOW w AS (ORDER BY id)",
        "SELECT EXISTS (SELECT 1 FROM s.t)",
        "SELECT array_agg(DISTINCT country) FROM s.c",
        "SELECT count(*) FROM s.t TABLESAMPLE SYSTEM (10)",
        "SELECT jsonb_array_elements(data) FROM s.t",
        "SELECT (SELECT max(total) FROM s.orders) - min(total) FROM s.orders",
        "SELECT * FROM s.orders WHERE status IN ('a', 'b') AND total BETWEEN 1 AND 10",
        "SELECT name FROM s.c WHERE name ~* '^a'",
        "SELECT format('%s-%s', a, b) FROM s.t",
        "SELECT 1 AS \"Order Count\"",
        "SELECT DISTINCT ON (c.country) c.country, o.total FROM s.orders o JOIN s.c c USING (cid) ORDER BY c.country, o.total DESC",
        "SELECT count(*) AS n FROM s.orders WHERE ordered_on >= date_trunc('year', current_date) - interval '1 year'",
        "SELECT total::numeric(10,2) FROM s.orders",
        "SELECT coalesce(sum(total), 0) FROM s.orders"
      })
  void postgresql_idioms_pass(String sql) {
    assertThat(guard.check(sql)).isEqualTo(sql);
  }

  @Test
  void trailing_semicolons_are_dropped() {
    assertThat(guard.check("  SELECT 1 ;;  ")).isEqualTo("SELECT 1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM public.orders",
        "SELECT 1; DELETE FROM public.orders",
        "SELECT 'a\\'; DELETE FROM public.orders; --'",
        "WITH d AS (DELETE FROM public.orders RETURNING *) SELECT * FROM d",
        "SELECT * INTO public.copy FROM public.orders",
        "SELECT * FROM public.orders FOR UPDATE",
        "SELECT * FROM public.orders FOR SHARE",
        "SELECT * FROM public.orders FOR NO KEY UPDATE",
        "EXPLAIN ANALYZE DELETE FROM public.orders",
        "EXPLAIN (ANALYZE) SELECT 1",
        "SELECT pg_sleep(600)",
        "SELECT pg_catalog.pg_sleep(1)",
        "SELECT \"pg_catalog\".\"pg_sleep\"(1)",
        "SELECT PG_CATALOG.PG_SLEEP /* x */ (1)",
        "SELECT set_config('role', 'postgres', false)",
        "SELECT nextval('s')",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT lo_import('/etc/passwd')",
        "SELECT pg_terminate_backend(1)",
        "SELECT pg_advisory_lock(1)",
        "SELECT query_to_xml('select 1', true, true, '')",
        "SELECT rolpassword FROM pg_authid",
        "SELECT * FROM pg_catalog.pg_shadow",
        "SELECT * FROM datamapper.tasks",
        "SELECT U&\"\\0070g_sleep\"(1)",
        "SET ROLE postgres",
        "RESET ROLE",
        "COPY (SELECT 1) TO PROGRAM 'id'",
        "DO $$ BEGIN PERFORM 1; END $$",
        "CALL p()",
        "PREPARE p AS SELECT 1",
        "'just a string'",
        "SELECT 'unterminated",
        "SELECT 1 /* open",
        "",
        "SELECT $$ unterminated"
      })
  void writes_locks_and_server_access_are_refused_by_the_parse_layer(String sql) {
    assertThatThrownBy(() -> guard.check(sql))
        .isInstanceOfSatisfying(
            QueryRefusedException.class,
            e -> {
              assertThat(e.layer()).isEqualTo(Layer.PARSE);
              assertThat(e.getMessage()).startsWith("Refused by the parse layer: ");
            });
  }

  @Test
  void a_semicolon_inside_a_nested_comment_is_not_a_second_statement_as_postgresql_reads_it() {
    assertThat(guard.check("SELECT 1 /* /* nested */ ; DELETE FROM public.orders; */"))
        .startsWith("SELECT 1");
  }

  @Test
  void a_refusal_says_why() {
    assertThatThrownBy(() -> guard.check("SELECT 1; DROP TABLE x"))
        .hasMessageContaining("only one statement");
    assertThatThrownBy(() -> guard.check("SELECT pg_catalog.pg_sleep(1)"))
        .hasMessageContaining("pg_sleep()");
    assertThatThrownBy(() -> guard.check("UPDATE t SET a = 1")).hasMessageContaining("not UPDATE");
    assertThatThrownBy(() -> guard.check("SELECT update FROM t"))
        .hasMessageContaining("\"update\"");
  }
}
