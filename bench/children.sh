#!/usr/bin/env bash
# Benchmark: nested records into child tables (mapping v2 children). Generates ORDERS NDJSON
# orders with ITEMS items each, imports them into orders + order_items through the launcher, and
# prints the time and the exact row counts of both tables (and, for scale, the time of the same
# file imported without children), then the same file again with mode upsert (nothing changes:
# every order and item compared, none rewritten). Exits non-zero on a failed import or a wrong
# count.
#
#   bench/children.sh [ORDERS] [--items N] [--db JDBC_URL]
#
# Defaults: 100000 orders, 5 items each (500000 child rows).
set -euo pipefail
die() { echo "children: ERROR: $*" >&2; exit 1; }
note() { echo "children: $*" >&2; }

ORDERS=100000
ITEMS=5
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB_URL="$2"; shift 2 ;;
    --items) ITEMS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) ORDERS="$1"; shift ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. ./jdk.sh
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"
mkdir -p "$LOGS"
bench_drop_tables() {
  psql_bench -c "DROP TABLE IF EXISTS bench_orders, bench_order_items, bench_orders_flat" >/dev/null 2>&1 || true
}
psql_bench() { psql -X -q -At -d "$(jdbc_to_psql "$DB_URL")" -v ON_ERROR_STOP=1 "$@"; }
jdbc_to_psql() { # jdbc:postgresql://host:port/db?user=u -> postgresql://u@host:port/db
  local u="${1#jdbc:}" user host rest
  user="$(echo "$u" | sed -n 's/.*[?&]user=\([^&]*\).*/\1/p')"
  rest="${u%%\?*}"
  host="${rest#postgresql://}"
  echo "postgresql://${user:+$user@}$host"
}
. "$ROOT/bench/throwaway-pg.sh"
[ -n "$DB_URL" ] || start_server
bench_drop_tables

FILE="$OUT/orders-$ORDERS-$ITEMS.ndjson"
if [ ! -f "$FILE" ]; then
  note "generating $ORDERS orders with $ITEMS items each"
  awk -v n="$ORDERS" -v k="$ITEMS" 'BEGIN {
    srand(42)
    for (i = 1; i <= n; i++) {
      printf "{\"order_id\":%d,\"customer\":\"customer %d\",\"ordered\":\"2024-%02d-%02d\",\"total\":%.2f,\"items\":[", i, i % 5000, 1 + i % 12, 1 + i % 28, rand() * 1000
      for (j = 1; j <= k; j++) {
        printf "%s{\"sku\":\"SKU-%06d\",\"qty\":%d,\"price\":%.2f,\"note\":\"item %d of order %d\"}", (j > 1 ? "," : ""), (i * 7 + j) % 100000, 1 + (i + j) % 9, rand() * 100, j, i
      }
      print "]}"
    }
  }' >"$FILE"
fi
note "$(du -h "$FILE" | cut -f1) in $FILE"

MAP="$OUT/children.yaml"
cat >"$MAP" <<'YAML'
source: { format: json }
target: { table: bench_orders }
columns:
  - { source: order_id, name: order_id, type: integer }
  - { source: customer, name: customer }
  - { source: ordered, name: ordered, type: date }
  - { source: total, name: total, type: "numeric(12,2)" }
keys: [order_id]
policies: { duplicateFile: allow }
children:
  - path: items
    table: bench_order_items
    columns:
      - { source: sku, name: sku }
      - { source: qty, name: qty, type: integer }
      - { source: price, name: price, type: "numeric(10,2)" }
      - { source: note, name: note }
YAML
FLAT="$OUT/children-flat.yaml"
sed -e 's/bench_orders }/bench_orders_flat }/' -e '/^children:/,$d' "$MAP" >"$FLAT"

# Untimed: build the jar and let the launcher record its CDS archive once.
./datamapper import samples/orders.csv --mapping samples/orders.yaml --dry-run --db "$DB_URL" >"$LOGS/prime.log" 2>&1 \
  || die "priming the launcher failed: $(tail -n 5 "$LOGS/prime.log")"

timed() { # label mapping -> seconds
  local t0 t1
  t0=$(date +%s.%N)
  ./datamapper import "$FILE" --mapping "$2" --db "$DB_URL" --json >"$LOGS/children-$1.json" 2>"$LOGS/children-$1.err" \
    || die "$1 import failed: $(tail -n 5 "$LOGS/children-$1.err")"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

echo "== Children: $ORDERS NDJSON orders with $ITEMS items each =="
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
FLAT_S="$(timed flat "$FLAT")"
KIDS_S="$(timed children "$MAP")"
PARENTS="$(psql_bench -c "SELECT count(*) FROM bench_orders")"
KIDS="$(psql_bench -c "SELECT count(*) FROM bench_order_items")"
ORPHANS="$(psql_bench -c "SELECT count(*) FROM bench_order_items i WHERE NOT EXISTS (SELECT 1 FROM bench_orders o WHERE o.order_id = i.order_id)")"
printf '  parents only     %8.3f s  %d orders\n' "$FLAT_S" "$ORDERS"
printf '  with children    %8.3f s  orders: %s rows, order_items: %s rows (%s without a parent)\n' "$KIDS_S" "$PARENTS" "$KIDS" "$ORPHANS"
awk -v r="$(( ORDERS + ORDERS * ITEMS ))" -v t="$KIDS_S" 'BEGIN { printf "  %.0f rows/s over both tables\n", r / t }'
[ "$PARENTS" = "$ORDERS" ] || die "orders has $PARENTS rows, want $ORDERS"
[ "$KIDS" = "$(( ORDERS * ITEMS ))" ] || die "order_items has $KIDS rows, want $(( ORDERS * ITEMS ))"
[ "$ORPHANS" = 0 ] || die "$ORPHANS child rows have no parent"

# upsert of the same file: each order's row and items are compared with the table's; none changed
UPSERT="$OUT/children-upsert.yaml"
sed 's/target: { table: bench_orders }/target: { table: bench_orders, mode: upsert }/' "$MAP" >"$UPSERT"
# the first import kept every row (duplicateRow keep), so it made no unique index; upsert needs one
psql_bench -c "CREATE UNIQUE INDEX ON bench_orders (order_id)" >/dev/null
UPS_S="$(timed upsert "$UPSERT")"
UPDATED="$(tr -d ' \n' <"$LOGS/children-upsert.json" | sed -n 's/.*"rowsUpdated":\([0-9]*\).*/\1/p')"
KIDS2="$(psql_bench -c "SELECT count(*) FROM bench_order_items")"
printf '  upsert, same file %7.3f s  %s orders updated, order_items: %s rows\n' "$UPS_S" "$UPDATED" "$KIDS2"
[ "$UPDATED" = 0 ] || die "the upsert of the same file updated $UPDATED orders, want 0"
[ "$KIDS2" = "$(( ORDERS * ITEMS ))" ] || die "after the upsert order_items has $KIDS2 rows, want $(( ORDERS * ITEMS ))"
