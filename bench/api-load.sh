#!/usr/bin/env bash
# Load run of the REST API (issue #6 acceptance 4): CLIENTS concurrent clients, each in a loop
# importing a small 1,000-row CSV (POST /map-data, synchronous) and reading the first page of its
# table (GET /tables/NAME?limit=50), for SECONDS seconds; then requests/s, p50/p99
# latency per endpoint and errors (any non-2xx answer or failed connection).
#
#   bench/api-load.sh [--clients N] [--seconds S] [--db JDBC_URL]
#
# Starts one `datamapper serve` with an importer API key on a free loopback port, against the
# given PostgreSQL or a throwaway one (bench/throwaway-pg.sh), and stops both at the end.
# Clients: bench/ApiLoad.java (threads with keep-alive connections in one JVM; CLIENT=curl for
# curl processes instead). Latency is per request, from sending to the whole answer.
set -euo pipefail

die() { echo "api-load: ERROR: $*" >&2; exit 1; }
note() { echo "api-load: $*" >&2; }

CLIENTS="${CLIENTS:-20}"
SECONDS_TOTAL="${SECONDS_TOTAL:-60}"
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_TOTAL="$2"; shift 2 ;;
    --db) DB_URL="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
command -v curl >/dev/null || die "curl is needed"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/jdk.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dm-api-load.XXXXXX")"
LOGS="$WORK"
. "$ROOT/bench/serve-node.sh"
bench_drop_tables() { :; }
. "$ROOT/bench/throwaway-pg.sh"
trap 'stop_server; cleanup' EXIT
[ -n "$DB_URL" ] || start_server

# ---------------------------------------------------------------- server
start_node bench
note "server up on $BASE; $CLIENTS clients for $SECONDS_TOTAL s"

# ---------------------------------------------------------------- data
# one 1,000-row CSV per client; each request sends it with force=true (the same file again
# is a new import) so every request does a full import: detect nothing, map, COPY, ledger.
MAPPING='{"target":{"schema":"public","table":"TABLE"},"columns":[{"source":"id","type":"bigint"},{"source":"name"},{"source":"amount","type":"numeric(12,2)"},{"source":"day","type":"date"}]}'
for c in $(seq 1 "$CLIENTS"); do
  awk -v c="$c" 'BEGIN { print "id,name,amount,day"; for (i = 1; i <= 1000; i++) printf "%d,client %d row %d,%d.%02d,2024-%02d-%02d\n", i, c, i, i * 7, i % 100, 1 + i % 12, 1 + i % 28 }' >"$WORK/c$c.csv"
  printf '%s' "${MAPPING/TABLE/api_load_$c}" >"$WORK/c$c.json"
done
# warm-up (JIT, connection pool), not counted
for i in $(seq 1 5); do
  curl -sf -o /dev/null -H "X-API-Key: $KEY" -F "file=@$WORK/c1.csv" -F "mapping=<$WORK/c1.json" "$BASE/map-data?force=true" || die "warm-up import failed"
done

# ---------------------------------------------------------------- load
# CLIENT=java (default): bench/ApiLoad.java, threads with keep-alive connections in one JVM;
# CLIENT=curl: a curl process per round (costs the machine more CPU than the server does).
if [ "${CLIENT:-java}" = java ]; then
  "$JAVA_HOME/bin/java" "$ROOT/bench/ApiLoad.java" "$BASE" "$KEY" "$CLIENTS" "$SECONDS_TOTAL" "$WORK"
  exit 0
fi
client() {
  # one curl per round: the import, then (--next) the read on the same kept-alive connection;
  # bash's EPOCHSECONDS instead of date: no extra process per round
  local c="$1" end="$2" out="$WORK/r$c.txt"
  while [ "$EPOCHSECONDS" -lt "$end" ]; do
    curl -s -o /dev/null -w 'map-data %{http_code} %{time_total}\n' -H "X-API-Key: $KEY" \
      -F "file=@$WORK/c$c.csv" -F "mapping=<$WORK/c$c.json" "$BASE/map-data?force=true" \
      --next -s -o /dev/null -w 'tables %{http_code} %{time_total}\n' -H "X-API-Key: $KEY" \
      "$BASE/tables/api_load_$c?limit=50" >>"$out" || echo "curl 000 0" >>"$out"
  done
}
START=$(date +%s.%N)
END=$(( $(date +%s) + SECONDS_TOTAL ))
pids=()
for c in $(seq 1 "$CLIENTS"); do client "$c" "$END" & pids+=($!); done
wait "${pids[@]}"
ELAPSED=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')

# ---------------------------------------------------------------- report
cat "$WORK"/r*.txt >"$WORK/all.txt"
report() {
  local name="$1" filter="$2"
  awk -v f="$filter" '$1 ~ f' "$WORK/all.txt" | awk '{ print $3, $2 }' | sort -n | awk -v name="$name" -v t="$ELAPSED" '
    { lat[NR] = $1; if ($2 !~ /^2/) err++ }
    END {
      n = NR; if (n == 0) { printf "%-10s no requests\n", name; exit }
      p50 = lat[int((n - 1) * 0.50) + 1]; p99 = lat[int((n - 1) * 0.99) + 1]
      printf "%-10s %7d requests %8.1f req/s   p50 %6.1f ms   p99 %7.1f ms   max %7.1f ms   errors %d\n",
        name, n, n / t, p50 * 1000, p99 * 1000, lat[n] * 1000, err + 0 }'
}
echo "api-load: $CLIENTS clients, $(printf '%.1f' "$ELAPSED") s, $(nproc) CPUs, 1,000-row CSV imports + 50-row table reads (curl)"
report "map-data" "^map-data$"
report "tables" "^tables$"
report "all" "."
grep -v ' 2[0-9][0-9] ' "$WORK/all.txt" | sort | uniq -c | head -5 | sed 's/^/api-load: non-2xx: /' || true
