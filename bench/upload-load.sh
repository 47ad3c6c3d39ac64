#!/usr/bin/env bash
# Upload load test of the REST API (issue #16 acceptance): CLIENTS concurrent clients, each in a
# loop uploading a ~20 MB CSV to POST /map-data (half synchronous, half async=true) for SECONDS
# seconds against ONE `datamapper serve` node with a 512 MB heap. Every request must be answered
# 200, 202, 429 or 503 (a 429/503 client waits its Retry-After); afterwards every accepted import
# is checked to be exact (the ledger's row count equals the table's rows with that _import_id,
# equals the file's rows), no OutOfMemoryError may appear in the server log, and health is UP.
#
#   bench/upload-load.sh [--clients 50] [--seconds 60] [--mb 20] [--heap 512m] [--db JDBC_URL]
#
# Exits non-zero when any of these fails. Needs psql, curl and PostgreSQL server binaries
# (or --db; then psql must reach that database as the URL's user).
set -euo pipefail

die() { echo "upload-load: ERROR: $*" >&2; exit 1; }
note() { echo "upload-load: $*" >&2; }

CLIENTS="${CLIENTS:-50}"
SECONDS_TOTAL="${SECONDS_TOTAL:-60}"
MB="${MB:-20}"
HEAP="${HEAP:-512m}"
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_TOTAL="$2"; shift 2 ;;
    --mb) MB="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --db) DB_URL="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
command -v curl >/dev/null || die "curl is needed"
command -v psql >/dev/null || die "psql is needed"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/jdk.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dm-upload-load.XXXXXX")"
LOGS="$WORK"
. "$ROOT/bench/serve-node.sh"
bench_drop_tables() { :; }
. "$ROOT/bench/throwaway-pg.sh"
trap 'stop_server; rm -rf "$WORK/u.csv" "$WORK/staging"; cleanup' EXIT
[ -n "$DB_URL" ] || start_server
# psql takes the JDBC URL as a libpq URI: drop the jdbc: prefix and JDBC-only parameters
PSQL_URL="$(sed -E 's/^jdbc://; s/[?&](ApplicationName|loggerLevel|prepareThreshold)=[^&]*//g' <<<"$DB_URL")"
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$PSQL_URL" -c "$1"; }

# ---------------------------------------------------------------- data
ROWS=$(( MB * 1024 * 1024 / 56 ))
awk -v n="$ROWS" 'BEGIN { print "id,name,amount,day"; for (i = 1; i <= n; i++) printf "%d,customer %07d with a name,%d.%02d,2024-%02d-%02d\n", i, i % 9999999, i % 100000, i % 100, 1 + i % 12, 1 + i % 28 }' >"$WORK/u.csv"
note "file: $ROWS rows, $(du -m "$WORK/u.csv" | cut -f1) MB"
for c in $(seq 1 "$CLIENTS"); do
  ln -s "$WORK/u.csv" "$WORK/u$c.csv"
  printf '{"target":{"schema":"public","table":"upload_load_%d"},"columns":[{"source":"id","type":"bigint"},{"source":"name"},{"source":"amount","type":"numeric(12,2)"},{"source":"day","type":"date"}]}' "$c" >"$WORK/u$c.json"
done

# ---------------------------------------------------------------- server
NODE_JAVA_OPTS="-Xmx$HEAP" start_node upload-load
note "server up on $BASE with -Xmx$HEAP; $CLIENTS clients uploading for $SECONDS_TOTAL s"

# ---------------------------------------------------------------- load
status=0
"$JAVA_HOME/bin/java" "$ROOT/bench/UploadLoad.java" "$BASE" "$KEY" "$CLIENTS" "$SECONDS_TOTAL" "$WORK" || status=1

# ---------------------------------------------------------------- check
# async tasks accepted during the run finish now (bounded wait)
deadline=$(( $(date +%s) + 900 ))
while :; do
  left=$(sql "SELECT count(*) FROM datamapper.tasks WHERE status IN ('queued','running')")
  [ "$left" = 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { note "tasks still unfinished after 15 min: $left"; status=1; break; }
  sleep 2
done
sync_ok=0; sync_bad=0; tasks_ok=0; tasks_bad=0
while read -r kind client id; do
  if [ "$kind" = import ]; then
    s=$(sql "SELECT status FROM datamapper.imports WHERE id = ${id//[^0-9]/0}")
    if [ "$s" = succeeded ]; then sync_ok=$((sync_ok + 1)); else sync_bad=$((sync_bad + 1)); note "import $id (client $client): '$s'"; fi
  else
    s=$(sql "SELECT status FROM datamapper.tasks WHERE id::text = '${id//[^0-9a-fA-F-]/}'")
    if [ "$s" = succeeded ]; then tasks_ok=$((tasks_ok + 1)); else tasks_bad=$((tasks_bad + 1)); note "task $id (client $client): '$s'"; fi
  fi
done <"$WORK/accepted.txt"
# every succeeded import into the load tables holds exactly the file's rows, and no other import left rows behind
inexact=$(sql "
  WITH t AS (SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relname LIKE 'upload\_load\_%' AND c.relkind = 'r'),
       i AS (SELECT id, target_table, status, rows_inserted FROM datamapper.imports WHERE target_table IN (SELECT relname FROM t))
  SELECT count(*) FROM i WHERE (status = 'succeeded' AND rows_inserted <> $ROWS)")
exact_rows=0
for c in $(seq 1 "$CLIENTS"); do
  t="upload_load_$c"
  [ "$(sql "SELECT to_regclass('public.$t') IS NOT NULL")" = t ] || continue
  bad=$(sql "SELECT count(*) FROM (SELECT x._import_id, count(*) AS n FROM public.$t x GROUP BY 1) g
             LEFT JOIN datamapper.imports i ON i.id = g._import_id
             WHERE i.status IS DISTINCT FROM 'succeeded' OR g.n <> $ROWS OR i.rows_inserted <> g.n")
  inexact=$((inexact + bad))
  exact_rows=$((exact_rows + $(sql "SELECT count(*) FROM public.$t")))
done
succeeded=$(sql "SELECT count(*) FROM datamapper.imports WHERE target_table LIKE 'upload\_load\_%' AND status = 'succeeded'")
echo "upload-load: accepted sync imports $sync_ok succeeded, $sync_bad not; async tasks $tasks_ok succeeded, $tasks_bad not"
echo "upload-load: $succeeded succeeded imports, $exact_rows rows in the load tables ($(( succeeded * ROWS )) expected), inexact imports: $inexact"
oom=$(grep -c "OutOfMemoryError" "$WORK/server.log" || true)
health=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health" || echo 000)
echo "upload-load: OutOfMemoryError in the server log: $oom; health after: $health"
[ "$sync_bad" = 0 ] && [ "$tasks_bad" = 0 ] && [ "$inexact" = 0 ] && [ "$exact_rows" = $(( succeeded * ROWS )) ] \
  && [ "$oom" = 0 ] && [ "$health" = 200 ] || status=1
if [ "$status" = 0 ]; then echo "upload-load: PASS"; else echo "upload-load: FAIL (server log kept: $WORK/server.log)"; fi
exit "$status"
