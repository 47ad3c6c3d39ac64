#!/usr/bin/env bash
# Benchmark (issue #15): the cost of mapping v2 expressions. Imports the same generated
# 13-column CSV (bench/GenerateCsv.java) twice per run, interleaved: once with the plain
# mapping, once with two expression columns and a filter that keeps every row:
#
#   label: "name + ' <' + email + '>'"     (text)
#   qty2:  "qty * 2"                       (bigint)
#   filter: "email != '' && id > 0"
#
# and prints both throughputs and their ratio (expressions / plain; 1.0 = free).
#
#   bench/expressions.sh [ROWS] [--runs R] [--db JDBC_URL]
#
# ROWS defaults to 1000000, R to 3; the database to a throwaway PostgreSQL started here.
set -euo pipefail
die() { echo "expressions: ERROR: $*" >&2; exit 1; }
note() { echo "expressions: $*" >&2; }

ROWS=1000000
RUNS=3
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --db) DB_URL="$2"; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) ROWS="${1//_/}"; shift ;;
  esac
done
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a whole number > 0"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"
mkdir -p "$LOGS"
JAR="$ROOT/app/target/datamapper.jar"
source "$ROOT/jdk.sh" || die "no JDK >= 21 found (see jdk.sh)"
. "$ROOT/bench/throwaway-pg.sh"
[ -n "$DB_URL" ] || start_server
PSQL_URI="postgresql://127.0.0.1:$PG_PORT/bench?user=postgres"
[ -n "$PG_PORT" ] || die "--db is not supported yet by this script; let it start its own server"
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$PSQL_URI" -c "$1"; }

GEN_VERSION="$(sha1sum bench/GenerateCsv.java | cut -c1-8)"
CSV="$OUT/bench-$ROWS-$GEN_VERSION.csv"
if [ ! -s "$CSV" ]; then
  note "generating $ROWS rows into $CSV"
  java bench/GenerateCsv.java "$ROWS" "$CSV" 20240601 0 || die "generating the CSV failed"
fi
if [ ! -f "$JAR" ]; then
  note "building $JAR"
  ./mvnw -B -q -DskipTests package >"$LOGS/build.log" 2>&1 || die "build failed, see $LOGS/build.log"
fi

mapping() { # $1 table, $2 = 1 for expressions
  echo 'source: { format: csv, encoding: UTF-8, csv: { delimiter: ",", header: true, nullTokens: [""] } }'
  echo "target: { schema: public, table: $1, create: true, mode: append }"
  echo "columns:"
  echo '  - { source: id, name: id, type: bigint }'
  echo '  - { source: uid, name: uid, type: uuid }'
  echo '  - { source: name, name: name }'
  echo '  - { source: amount, name: amount, type: "numeric(12,2)" }'
  echo '  - { source: qty, name: qty, type: integer }'
  echo '  - { source: active, name: active, type: boolean }'
  echo '  - { source: born, name: born, type: date }'
  echo '  - { source: created, name: created, type: timestamp }'
  echo '  - { source: note, name: note }'
  echo '  - { source: score, name: score, type: "double precision" }'
  echo '  - { source: code, name: code }'
  echo '  - { source: city, name: city }'
  echo '  - { source: email, name: email }'
  if [ "$2" = 1 ]; then
    echo "  - { name: label, expr: \"name + ' <' + email + '>'\" }"
    echo '  - { name: qty2, type: bigint, expr: "qty * 2" }'
    echo "filter: \"email != '' && id > 0\""
  fi
  echo "policies: { duplicateFile: allow }"
}
mapping bench_plain 0 >"$OUT/expr-plain.yaml"
mapping bench_expr 1 >"$OUT/expr-expr.yaml"

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
PLAIN_WALL=(); PLAIN_OWN=(); EXPR_WALL=(); EXPR_OWN=()
run_one() { # $1 plain|expr
  local table="bench_$1" t0 t1 own
  sql "DROP TABLE IF EXISTS $table" >/dev/null
  sql "CHECKPOINT" >/dev/null 2>&1 || true
  t0=$(now)
  env DATAMAPPER_JAVA_OPTS=-Xmx256m ./datamapper import "$CSV" --mapping "$OUT/expr-$1.yaml" \
    --db "$DB_URL" --json >"$LOGS/expr-$1.json" 2>"$LOGS/expr-$1.err" \
    || die "import ($1) failed: $(tail -n 5 "$LOGS/expr-$1.err")"
  t1=$(now)
  [ "$(sql "SELECT count(*) FROM $table")" = "$ROWS" ] || die "$table does not hold $ROWS rows"
  own="$(grep -o '"durationMs":[0-9]*' "$LOGS/expr-$1.json" | tail -n 1 | cut -d: -f2)"
  local wall; wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  own=$(awk -v m="$own" 'BEGIN { printf "%.3f", m / 1000 }')
  if [ "$1" = plain ]; then PLAIN_WALL+=("$wall"); PLAIN_OWN+=("$own"); else EXPR_WALL+=("$wall"); EXPR_OWN+=("$own"); fi
  printf '  %-6s wall %7.3f s   import %7.3f s\n' "$1" "$wall" "$own"
}
note "warm-up"
run_one plain >/dev/null; run_one expr >/dev/null
for r in $(seq 1 "$RUNS"); do
  echo "run $r"
  if [ $((r % 2)) = 1 ]; then run_one plain; run_one expr; else run_one expr; run_one plain; fi
done
[ "$(sql "SELECT count(*) FROM bench_expr WHERE qty2 = qty * 2 AND label = name || ' <' || email || '>'")" = "$ROWS" ] \
  || die "bench_expr holds values the expressions did not give"
PW=$(median "${PLAIN_WALL[@]}"); PO=$(median "${PLAIN_OWN[@]}")
EW=$(median "${EXPR_WALL[@]}"); EO=$(median "${EXPR_OWN[@]}")
echo "date         $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg), $ROWS rows, $RUNS runs"
echo "plain        wall median $PW s, import median $PO s"
echo "expressions  wall median $EW s, import median $EO s (2 expression columns + filter)"
awk -v pw="$PW" -v ew="$EW" -v po="$PO" -v eo="$EO" 'BEGIN {
  printf "throughput ratio expressions/plain: %.2f by import time, %.2f by wall time (target >= 0.8)\n", po / eo, pw / ew }'
