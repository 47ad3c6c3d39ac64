#!/usr/bin/env bash
# Benchmark: a lookup against a 1,000,000-row table. The same CSV (bench/GenerateCsv.java) is
# imported three times through the launcher into the same PostgreSQL: without a lookup; with a
# lookup of every row's email in bench_customers (1,000,000 rows, unique email; missing: reject);
# and with missing: insert against a table that holds only every other email (the rest are
# inserted). Prints each time, rows/s and the ratio to the import without the lookup; exits
# non-zero if an import fails or a row is left without its key.
#
#   bench/lookup.sh [ROWS] [--db JDBC_URL]
set -euo pipefail
die() { echo "lookup: ERROR: $*" >&2; exit 1; }
note() { echo "lookup: $*" >&2; }

ROWS=1000000
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB_URL="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) ROWS="$1"; shift ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. ./jdk.sh
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"
mkdir -p "$LOGS"
bench_drop_tables() { sql "DROP TABLE IF EXISTS bench_lk_plain, bench_lk_reject, bench_lk_insert, bench_customers, bench_customers_half" || true; }
. "$ROOT/bench/throwaway-pg.sh"
[ -n "$DB_URL" ] || start_server
psql_uri() { # the JDBC URL as a libpq URI (host, port, database, user, password)
  local u="${DB_URL#jdbc:}" q user="" pass=""
  q="${u#*\?}"; [ "$q" = "$u" ] && q=""
  u="${u%%\?*}"
  for kv in ${q//&/ }; do
    case "$kv" in user=*) user="${kv#user=}" ;; password=*) pass="${kv#password=}" ;; esac
  done
  echo "${u/postgresql:\/\//postgresql://${user}${pass:+:$pass}${user:+@}}"
}
sql() { psql -X -q "$(psql_uri)" -v ON_ERROR_STOP=1 -c "$1"; }
value() { psql -X -q -t -A "$(psql_uri)" -v ON_ERROR_STOP=1 -c "$1"; }

CSV="$OUT/bench-$ROWS-$(sha1sum bench/GenerateCsv.java | cut -c1-8).csv"
[ -f "$CSV" ] || java bench/GenerateCsv.java "$ROWS" "$CSV" >&2 || die "generating the CSV failed"

# The looked-up tables, untimed: every email of the file, and every other one.
bench_drop_tables
sql "CREATE UNLOGGED TABLE bench_lk_src (id text, uid text, name text, amount text, qty text, active text, born text,
     created text, note text, score text, code text, city text, email text)"
psql -X -q "$(psql_uri)" -v ON_ERROR_STOP=1 -c "\\copy bench_lk_src FROM '$CSV' (FORMAT csv, HEADER true)"
sql "CREATE TABLE bench_customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, since date DEFAULT current_date);
     INSERT INTO bench_customers (email) SELECT email FROM bench_lk_src ORDER BY md5(email);
     CREATE TABLE bench_customers_half (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
     INSERT INTO bench_customers_half (email) SELECT email FROM bench_lk_src WHERE id::bigint % 2 = 0;
     DROP TABLE bench_lk_src; ANALYZE bench_customers; ANALYZE bench_customers_half"
note "bench_customers: $(value 'SELECT count(*) FROM bench_customers') rows; bench_customers_half: $(value 'SELECT count(*) FROM bench_customers_half') rows"

mapping() { # name table lookup-yaml -> mapping file
  local m="$OUT/lookup-$1.yaml" table="$2" lookup="${3:-}"
  {
    echo "source: { format: csv }"
    echo "target: { table: $table, create: true, mode: append }"
    echo "columns:"
    for c in "id bigint" "uid uuid" "name text" "amount numeric(12,2)" "qty integer" "active boolean" "born date" \
             "created timestamp" "note text" "score double" "code text" "city text" "email text"; do
      set -- $c
      echo "  - { source: $1, name: $1, type: \"$2\" }"
    done
    if [ -n "$lookup" ]; then echo "  - { name: customer_id, type: bigint, lookup: $lookup }"; fi
    echo "policies: { duplicateFile: allow }"
  } >"$m"
  echo "$m"
}

# Untimed: build the jar and let the launcher record its CDS archive once.
./datamapper import samples/orders.csv --mapping samples/orders.yaml --dry-run --db "$DB_URL" >"$LOGS/prime.log" 2>&1 \
  || die "priming the launcher failed: $(tail -n 5 "$LOGS/prime.log")"

declare -A SECONDS_OF RATE_OF
run() { # label mapping
  local label="$1" map="$2" t0 t1 json
  t0=$(date +%s.%N)
  ./datamapper import "$CSV" --mapping "$map" --db "$DB_URL" --json >"$LOGS/lookup-$label.json" 2>"$LOGS/lookup-$label.err" \
    || die "$label import failed: $(tail -n 5 "$LOGS/lookup-$label.err")"
  t1=$(date +%s.%N)
  json="$(cat "$LOGS/lookup-$label.json")"
  echo "$json" | grep -q "\"rowsInserted\":$ROWS," || die "$label loaded the wrong number of rows (want $ROWS): $json"
  SECONDS_OF[$label]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RATE_OF[$label]=$(awk -v n="$ROWS" -v t="${SECONDS_OF[$label]}" 'BEGIN { printf "%.0f", n / t }')
  printf '  %-8s %9d rows  %8.3f s  %9d rows/s\n' "$label" "$ROWS" "${SECONDS_OF[$label]}" "${RATE_OF[$label]}"
}

echo "== Lookup: $ROWS rows, each looked up by email in a $(value 'SELECT count(*) FROM bench_customers')-row table =="
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
run plain "$(mapping plain bench_lk_plain "")"
run reject "$(mapping reject bench_lk_reject "{ table: bench_customers, match: { email: email }, return: id, missing: reject }")"
run insert "$(mapping insert bench_lk_insert "{ table: bench_customers_half, match: { email: email }, return: id, missing: insert }")"
[ "$(value 'SELECT count(*) FROM bench_lk_reject r JOIN bench_customers c ON c.id = r.customer_id AND c.email = r.email')" = "$ROWS" ] \
  || die "bench_lk_reject has rows without their customer's key"
[ "$(value 'SELECT count(*) FROM bench_lk_insert r JOIN bench_customers_half c ON c.id = r.customer_id AND c.email = r.email')" = "$ROWS" ] \
  || die "bench_lk_insert has rows without their customer's key"
note "bench_customers_half now has $(value 'SELECT count(*) FROM bench_customers_half') rows"
echo
for l in reject insert; do
  awk -v l="$l" -v a="${SECONDS_OF[$l]}" -v b="${SECONDS_OF[plain]}" -v r="${RATE_OF[$l]}" -v p="${RATE_OF[plain]}" \
    'BEGIN { printf "  %-8s %.2fx the time of the import without the lookup (%.2f of its throughput)\n", l, a / b, r / p }'
done
[ -n "$PG_TMP" ] || bench_drop_tables
