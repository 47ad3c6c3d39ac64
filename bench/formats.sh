#!/usr/bin/env bash
# Benchmark: the same rows imported from CSV, NDJSON, XML and XLSX with -Xmx256m, through the
# launcher, into the same PostgreSQL. Prints each format's time, rows/s, the fraction of the
# CSV throughput, and peak RSS; exits non-zero if an import fails or loads the wrong count.
#
#   bench/formats.sh [ROWS] [--xlsx-rows N] [--runs N] [--only "xlsx ..."] [--db JDBC_URL]
#
# ROWS (default 1000000) for every format; --xlsx-rows N gives XLSX fewer (a 1,000,000-row
# workbook takes a minute to generate once; it is cached). Same rows, so the fractions compare
# throughput, not JVM start-up (at 200,000 xlsx rows start-up and JIT weigh five times as much).
# --runs N (default 1) repeats the formats in turn N times (csv ndjson xml xlsx, csv ...), and
# the fractions come from each format's median: on a shared machine one run is noise.
# --only limits the formats besides CSV. Each line shows the load average; the client's CPU
# seconds (user+sys, with /usr/bin/time) are printed too, as load inflates wall times.
# Data: bench/GenerateCsv.java, converted by bench/ConvertCsv.java (cached in bench/out/).
set -euo pipefail
die() { echo "formats: ERROR: $*" >&2; exit 1; }
note() { echo "formats: $*" >&2; }

ROWS=1000000
XLSX_ROWS=
RUNS=1
ONLY="csv ndjson xml xlsx"
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB_URL="$2"; shift 2 ;;
    --xlsx-rows) XLSX_ROWS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="csv $2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) ROWS="$1"; shift ;;
  esac
done
XLSX_ROWS="${XLSX_ROWS:-$ROWS}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. ./jdk.sh
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"
mkdir -p "$LOGS"
. "$ROOT/bench/throwaway-pg.sh"
[ -n "$DB_URL" ] || start_server

CSV="$OUT/bench-$ROWS-$(sha1sum bench/GenerateCsv.java | cut -c1-8).csv"
[ -f "$CSV" ] || java bench/GenerateCsv.java "$ROWS" "$CSV" >&2 || die "generating the CSV failed"
convert() { # format rows -> path
  local f="$OUT/bench-$ROWS-$2.$1"
  [ -f "$f" ] && [ "$f" -nt bench/ConvertCsv.java ] && [ "$f" -nt "$CSV" ] || java bench/ConvertCsv.java "$CSV" "$1" "$f" "$2" >&2 \
    || die "converting to $1 failed"
  echo "$f"
}
NDJSON="$(convert ndjson "$ROWS")"
XML="$(convert xml "$ROWS")"
XLSX="$(convert xlsx "$XLSX_ROWS")"

mapping() { # format table source-extra -> mapping file
  local m="$OUT/formats-$1.yaml"
  {
    echo "source: { format: $1$3 }"
    echo "target: { table: $2, create: true, mode: append }"
    echo "columns:"
    for c in "id bigint" "uid uuid" "name text" "amount numeric(12,2)" "qty integer" "active boolean" "born date" \
             "created timestamp" "note text" "score double" "code text" "city text" "email text"; do
      set -- $c
      echo "  - { source: $1, name: $1, type: \"$2\" }"
    done
    echo "policies: { duplicateFile: allow }"
  } >"$m"
  echo "$m"
}

# Untimed: build the jar and let the launcher record its CDS archive once.
./datamapper import samples/orders.csv --mapping samples/orders.yaml --dry-run --db "$DB_URL" >"$LOGS/prime.log" 2>&1 \
  || die "priming the launcher failed: $(tail -n 5 "$LOGS/prime.log")"

TIME_V=""; [ -x /usr/bin/time ] && TIME_V=/usr/bin/time
declare -A SECONDS_OF RATE_OF ALL_OF
# Before each timed run (throwaway server only): the format's table is dropped and a CHECKPOINT
# written, so no run pays for the WAL and dirty buffers of the one before it (as copy-vs-psql.sh).
fresh() { # table
  [ -n "${PG_PORT:-}" ] && command -v psql >/dev/null || return 0
  psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -c "DROP TABLE IF EXISTS $1" -c "CHECKPOINT" \
    >/dev/null 2>&1 || note "WARNING: could not drop $1 / checkpoint before its run"
}
run() { # label file mapping expected-rows
  local label="$1" file="$2" map="$3" rows="$4" t0 t1 json rss="" cpu="" cmd
  fresh "$(sed -n 's/.*table: *\([a-z_]*\).*/\1/p' "$map" | head -n 1)"
  cmd=(env DATAMAPPER_JAVA_OPTS=-Xmx256m ./datamapper import "$file" --mapping "$map" --db "$DB_URL" --json)
  [ -n "$TIME_V" ] && cmd=("$TIME_V" -v -o "$LOGS/formats-$label.time" "${cmd[@]}")
  t0=$(date +%s.%N)
  "${cmd[@]}" >"$LOGS/formats-$label.json" 2>"$LOGS/formats-$label.err" \
    || die "$label import failed: $(tail -n 5 "$LOGS/formats-$label.err")"
  t1=$(date +%s.%N)
  json="$(cat "$LOGS/formats-$label.json")"
  echo "$json" | grep -q "\"rowsInserted\":$rows," || die "$label loaded the wrong number of rows (want $rows): $json"
  if [ -n "$TIME_V" ]; then
    rss="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$LOGS/formats-$label.time")"
    cpu="$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$LOGS/formats-$label.time")"
  fi
  local secs
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  ALL_OF[$label]="${ALL_OF[$label]:-} $secs"
  printf '  %-6s %9d rows  %8.3f s  %9.0f rows/s  %s%s  (load %s)\n' "$label" "$rows" "$secs" \
    "$(awk -v n="$rows" -v t="$secs" 'BEGIN { print n / t }')" "${rss:+peak RSS $rss MB}" \
    "${cpu:+, client CPU $cpu s}" "$(cut -d' ' -f1 /proc/loadavg)"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== Formats: the same rows from CSV, NDJSON, XML and XLSX (-Xmx256m), $RUNS run(s) each =="
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= RUNS; i++)); do
  for f in $ONLY; do
    case "$f" in
      csv) run csv "$CSV" "$(mapping csv bench_fmt_csv "")" "$ROWS" ;;
      ndjson) run ndjson "$NDJSON" "$(mapping json bench_fmt_json "")" "$ROWS" ;;
      xml) run xml "$XML" "$(mapping xml bench_fmt_xml ", xml: { recordPath: /rows/row }")" "$ROWS" ;;
      xlsx) run xlsx "$XLSX" "$(mapping excel bench_fmt_xlsx "")" "$XLSX_ROWS" ;;
    esac
  done
done
echo
for f in $ONLY; do
  rows="$ROWS"; [ "$f" = xlsx ] && rows="$XLSX_ROWS"
  SECONDS_OF[$f]="$(echo "${ALL_OF[$f]}" | median)"
  RATE_OF[$f]=$(awk -v n="$rows" -v t="${SECONDS_OF[$f]}" 'BEGIN { printf "%.0f", n / t }')
  printf '  %-6s median %8.3f s  %9d rows/s  (runs:%s)\n' "$f" "${SECONDS_OF[$f]}" "${RATE_OF[$f]}" "${ALL_OF[$f]}"
done
for f in $ONLY; do
  [ "$f" = csv ] && continue
  awk -v f="$f" -v r="${RATE_OF[$f]}" -v c="${RATE_OF[csv]}" 'BEGIN { printf "  %-6s %.2f of the CSV throughput\n", f, r / c }'
done
