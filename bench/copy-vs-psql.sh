#!/usr/bin/env bash
# Benchmark: Data Mapper's CSV import (binary COPY) against psql's \copy (text COPY, CSV
# parsed by the server) loading the same file into the same typed table on the same server.
#
#   bench/copy-vs-psql.sh [ROWS] [--runs R] [--db JDBC_URL] [--psql-only] [--build] [--keyed]
#                         [--keyed-update] [--compare-staging] [--orders]
#
# --orders: a 12-column order export (ids, uuid, names, e-mails, numeric(12,2), integer,
# boolean, date, timestamp, free text) instead of the default 13-column file.
#
# --keyed: the issue-4 case. The file has 5% rows repeating a key earlier in it, and
# datamapper loads it with keys [id] and duplicateRow skip into a table that already holds
# 500,000 of its keys (with a unique index), against psql \copy of the same file into an
# empty table without a key. --keyed-update: the same with duplicateRow update, into a table
# whose every 10th seeded row differs (qty + 1), so about 50,000 rows change. --compare-staging
# also times, interleaved, the same jar with -Ddatamapper.keyed.direct=false (the staging path).
#
# ROWS defaults to $ROWS or 1000000, R to $RUNS or 3, the database to $BENCH_DB_URL or a
# throwaway PostgreSQL started here and removed on exit. See bench/README.md.
set -euo pipefail

die() { echo "copy-vs-psql: ERROR: $*" >&2; exit 1; }
note() { echo "copy-vs-psql: $*" >&2; }

usage() {
  cat <<'EOF'
usage: bench/copy-vs-psql.sh [ROWS] [options]

  ROWS              rows in the generated CSV (default: $ROWS or 1000000)
  --runs R          timed loads per tool (default: $RUNS or 3)
  --db JDBC_URL     use this PostgreSQL instead of starting a throwaway one
                    (default: $BENCH_DB_URL), e.g.
                    jdbc:postgresql://127.0.0.1:5432/bench?user=me&password=secret
                    Tables bench_psql and bench_dm there are dropped and recreated.
  --psql-only       time only psql's \copy (also: SKIP_DM=1)
  --build           rebuild app/target/datamapper.jar first (also: BUILD=1);
                    it is always built when missing
  --keep-tables     with --db, leave both tables loaded at the end (also: KEEP_TABLES=1)
  --keyed           5% duplicate keys in the file; datamapper skips duplicates (keys [id])
                    into a table already holding 500,000 of the keys (also: KEYED=1)
  --orders          a 12-column order export instead of the default 13-column file
                    (also: SHAPE=orders); combines with --keyed
  --keyed-update    as --keyed, with duplicateRow update; every 10th seeded row differs
                    from the file (qty + 1), so those rows are updated (also: KEYED=update)
  --compare-staging with --keyed*: also time the staging path (-Ddatamapper.keyed.direct=false)
                    in the same runs (also: COMPARE_STAGING=1)
  -h, --help        this text

Environment: MAX_RATIO=1.25 makes a median ratio above it fail the run (default: report only).
EOF
}

# ---------------------------------------------------------------- arguments
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
DB_URL="${BENCH_DB_URL:-}"
SKIP_DM="${SKIP_DM:-0}"
BUILD="${BUILD:-0}"
KEEP_TABLES="${KEEP_TABLES:-0}"
MAX_RATIO="${MAX_RATIO:-}"
KEYED="${KEYED:-0}"
SHAPE="${SHAPE:-bench}"
COMPARE_STAGING="${COMPARE_STAGING:-0}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --db) [ $# -ge 2 ] || die "--db needs a JDBC URL"; DB_URL="$2"; shift 2 ;;
    --db=*) DB_URL="${1#--db=}"; shift ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#--runs=}"; shift ;;
    --psql-only) SKIP_DM=1; shift ;;
    --build) BUILD=1; shift ;;
    --keep-tables) KEEP_TABLES=1; shift ;;
    --keyed) KEYED=1; shift ;;
    --orders) SHAPE=orders; shift ;;
    --keyed-update) KEYED=update; shift ;;
    --compare-staging) COMPARE_STAGING=1; shift ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) ROWS="$1"; shift ;;
  esac
done
ROWS="${ROWS//_/}"
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a whole number > 0, not '$ROWS'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a whole number > 0, not '$RUNS'"
[ "$SHAPE" = bench ] || [ "$SHAPE" = orders ] || die "SHAPE must be bench or orders, not '$SHAPE'"
[ -z "$MAX_RATIO" ] || [[ "$MAX_RATIO" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "MAX_RATIO must be a number, not '$MAX_RATIO'"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"
mkdir -p "$LOGS"
JAR="$ROOT/app/target/datamapper.jar"
MAPPING="$OUT/bench.mapping.yaml"

command -v psql >/dev/null || die "psql is not on PATH (apt-get install postgresql-client)"
# shellcheck source=../jdk.sh
source "$ROOT/jdk.sh" || die "no JDK >= 21 found (see jdk.sh)"
export PGCLIENTENCODING=UTF8

# The columns, in file order, with their PostgreSQL types; both tables use exactly these.
if [ "$SHAPE" = orders ]; then
  COLUMNS=(id customer_id order_uuid customer email total quantity paid order_date created_at status comment)
  declare -A TYPE=(
    [id]="bigint" [customer_id]="bigint" [order_uuid]="uuid" [customer]="text" [email]="text"
    [total]="numeric(12,2)" [quantity]="integer" [paid]="boolean" [order_date]="date"
    [created_at]="timestamp without time zone" [status]="text" [comment]="text")
else
  COLUMNS=(id uid name amount qty active born created note score code city email)
  declare -A TYPE=(
    [id]="bigint" [uid]="uuid" [name]="text" [amount]="numeric(12,2)" [qty]="integer"
    [active]="boolean" [born]="date" [created]="timestamp without time zone" [note]="text"
    [score]="double precision" [code]="text" [city]="text" [email]="text")
fi
COLLIST="$(IFS=,; echo "${COLUMNS[*]}")"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }

# ---------------------------------------------------------------- database
bench_drop_tables() {
  if [ -n "${PSQL_URI:-}" ] && [ "$KEEP_TABLES" != 1 ]; then
    psql -X -q -d "$PSQL_URI" -c "DROP TABLE IF EXISTS bench_psql; DROP TABLE IF EXISTS bench_dm; DROP TABLE IF EXISTS bench_seed" >/dev/null 2>&1 || true
  fi
}
. "$ROOT/bench/throwaway-pg.sh"

# jdbc:postgresql://host[:port]/db?user=..&password=.. -> a libpq URI psql accepts
# (JDBC-only parameters are dropped: libpq rejects unknown ones).
jdbc_to_libpq() {
  local url="${1#jdbc:}" base query out="" kv key
  case "$url" in
    postgresql://*|postgres://*) ;;
    *) die "--db must look like jdbc:postgresql://host[:port]/database[?user=..&password=..], not '$1'" ;;
  esac
  base="${url%%\?*}"
  query=""
  [[ "$url" == *\?* ]] && query="${url#*\?}"
  local IFS='&'
  for kv in $query; do
    key="${kv%%=*}"
    case "$key" in
      user|password|sslmode|sslrootcert|sslcert|sslkey|application_name|connect_timeout|options)
        out="${out:+$out&}$kv" ;;
      *) note "psql ignores the JDBC parameter '$key'" ;;
    esac
  done
  echo "postgresql://${base#*://}${out:+?$out}"
}

if [ -z "$DB_URL" ]; then
  start_server
fi
PSQL_URI="$(jdbc_to_libpq "$DB_URL")"

sql() { PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$PSQL_URI" -c "$1"; }

sql "SELECT 1" >/dev/null || die "cannot connect to $DB_URL with psql"

CHECKPOINT_OK=1
checkpoint() {
  if [ "$CHECKPOINT_OK" = 1 ] && ! sql "CHECKPOINT" >/dev/null 2>"$LOGS/checkpoint.err"; then
    CHECKPOINT_OK=0
    note "WARNING: CHECKPOINT failed ($(head -n 1 "$LOGS/checkpoint.err")); runs go on without it"
  fi
}

# ---------------------------------------------------------------- data and mapping
GEN_VERSION="$(sha1sum bench/GenerateCsv.java | cut -c1-8)"
DUP_EVERY=0
EXPECTED="$ROWS"          # rows bench_dm holds after an import
SEED_KEYS=500000          # --keyed: keys already in bench_dm before each import
if [ "$KEYED" != 0 ]; then
  DUP_EVERY=20
  EXPECTED=$((ROWS - ROWS / DUP_EVERY))
  [ "$SEED_KEYS" -le "$EXPECTED" ] || SEED_KEYS=$((EXPECTED / 2))
fi
RULE=skip
[ "$KEYED" = update ] && RULE=update
SUFFIX=""
[ "$SHAPE" = orders ] && SUFFIX="-orders"
[ "$KEYED" != 0 ] && SUFFIX="$SUFFIX-dup"
CSV="$OUT/bench-$ROWS-$GEN_VERSION$SUFFIX.csv"
if [ -s "$CSV" ]; then
  note "using cached $CSV"
else
  note "generating $ROWS rows into $CSV"
  rm -f "$CSV"
  java bench/GenerateCsv.java "$ROWS" "$CSV" 20240601 "$DUP_EVERY" "$SHAPE" || die "generating the CSV failed"
fi
CSV_BYTES="$(stat -c %s "$CSV")"

write_mapping() {
  {
    echo "# Written by bench/copy-vs-psql.sh; same columns and types as table bench_psql."
    echo 'source: { format: csv, encoding: UTF-8, csv: { delimiter: ",", header: true, nullTokens: [""] } }'
    echo "target: { schema: public, table: bench_dm, create: true, mode: append }"
    echo "columns:"
    local c t
    for c in "${COLUMNS[@]}"; do
      t="${TYPE[$c]}"
      case "$t" in
        "timestamp without time zone") t=timestamp ;;
      esac
      echo "  - { source: $c, name: $c, type: \"$t\" }"
    done
    if [ "$KEYED" != 0 ]; then
      echo "keys: [id]"
      echo "policies: { duplicateFile: allow, duplicateRow: $RULE }"
    else
      echo "policies: { duplicateFile: allow }"
    fi
  } >"$MAPPING"
}
write_mapping

ddl() {
  local c cols=()
  for c in "${COLUMNS[@]}"; do cols+=("$c ${TYPE[$c]}"); done
  local IFS=,
  echo "CREATE TABLE $1 (${cols[*]})"
}

# ---------------------------------------------------------------- the two loaders
PSQL_TIMES=()
DM_TIMES=()
DM_RSS=()
DM_OWN=()
TIME_V=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then TIME_V=/usr/bin/time; fi

check_count() {
  local n want="${3:-$ROWS}"
  n="$(sql "SELECT count(*) FROM $1")" || die "cannot count rows of $1"
  [ "$n" = "$want" ] || die "$1 has $n rows after $2, expected $want"
}

# The row's position in the file: GenerateCsv puts it in the e-mail address (ctid order is
# not file order: \copy into an existing table fills free space on earlier pages).
FILE_ORDER="substring(email from '([0-9]+)@')::bigint"
# --keyed-update: the integer column the seeded rows differ in
CHANGED=qty
[ "$SHAPE" = orders ] && CHANGED=quantity

# --keyed: bench_dm starts each run holding SEED_KEYS keys of the file (their first rows,
# as a skip import would have loaded them), with a unique index on id, vacuumed.
SEEDED=0
prepare_keyed() {
  if [ "$SEEDED" = 0 ]; then
    SEEDED=1
    sql "DROP TABLE IF EXISTS bench_seed; CREATE TABLE bench_seed AS SELECT DISTINCT ON (id) $COLLIST, NULL::bigint AS _import_id FROM bench_psql ORDER BY id, $FILE_ORDER LIMIT $SEED_KEYS" \
      >/dev/null || die "cannot create bench_seed"
    if [ "$RULE" = update ]; then
      sql "UPDATE bench_seed SET $CHANGED = $CHANGED + 1 WHERE id % 10 = 0" >/dev/null || die "cannot alter bench_seed"
    fi
  fi
  sql "DROP TABLE IF EXISTS bench_dm; CREATE TABLE bench_dm (LIKE bench_seed); INSERT INTO bench_dm SELECT * FROM bench_seed;
       ALTER TABLE bench_dm ALTER COLUMN id SET NOT NULL; CREATE UNIQUE INDEX ON bench_dm (id)" >/dev/null || die "cannot prepare bench_dm"
  sql "VACUUM ANALYZE bench_dm" >/dev/null || die "cannot vacuum bench_dm"
}

run_psql() {
  local run="$1" t0 t1 copy_path
  sql "DROP TABLE IF EXISTS bench_psql; $(ddl bench_psql)" >/dev/null || die "cannot create table bench_psql"
  checkpoint
  copy_path="${CSV//\'/\'\'}"
  t0="$(now)"
  psql -X -q -v ON_ERROR_STOP=1 -d "$PSQL_URI" \
    -c "\\copy bench_psql FROM '$copy_path' WITH (FORMAT csv, HEADER true)" \
    >"$LOGS/psql-run-$run.out" 2>"$LOGS/psql-run-$run.err" \
    || die "psql \\copy failed in run $run: $(tail -n 5 "$LOGS/psql-run-$run.err")"
  t1="$(now)"
  check_count bench_psql "psql run $run"
  PSQL_TIMES+=("$(elapsed "$t0" "$t1")")
  printf '  run %d  psql \\copy   %8.3f s\n' "$run" "${PSQL_TIMES[-1]}"
}

ensure_jar() {
  if [ "$BUILD" = 1 ] || [ ! -f "$JAR" ]; then
    note "building $JAR (./mvnw -B -q -DskipTests package)"
    ./mvnw -B -q -DskipTests package >"$LOGS/build.log" 2>&1 \
      || die "building the jar failed, see $LOGS/build.log: $(tail -n 5 "$LOGS/build.log")"
    [ -f "$JAR" ] || die "the build finished but $JAR is missing"
    BUILD=0
  fi
  # Untimed: let the launcher extract the jar and record its class-data-sharing archive once,
  # as it does on a user's first import (psql, for its part, is installed already).
  ./datamapper import samples/orders.csv --mapping samples/orders.yaml --dry-run --db "$DB_URL" >"$LOGS/prime.log" 2>&1 \
    || die "priming the launcher failed: $(tail -n 5 "$LOGS/prime.log")"
}

DM2_TIMES=()
DM2_OWN=()
run_dm() {
  local run="$1" t0 t1 rss timefile="$LOGS/dm-run-$run.time" variant="${2:-}" opts=-Xmx256m
  if [ "$variant" = staging ]; then opts="-Xmx256m -Ddatamapper.keyed.direct=false"; run="$run-staging"; fi
  if [ "$KEYED" != 0 ]; then
    prepare_keyed
  else
    sql "DROP TABLE IF EXISTS bench_dm" >/dev/null || die "cannot drop table bench_dm"
  fi
  checkpoint
  # Through the launcher, as a user runs it (it adds CDS and ParallelGC); -Xmx256m as the issue asks.
  local cmd=(env "DATAMAPPER_JAVA_OPTS=$opts" ./datamapper import "$CSV" --mapping "$MAPPING" --db "$DB_URL" --json)
  [ -n "$TIME_V" ] && cmd=("$TIME_V" -v -o "$timefile" "${cmd[@]}")
  t0="$(now)"
  env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS "${cmd[@]}" \
    >"$LOGS/dm-run-$run.json" 2>"$LOGS/dm-run-$run.err" \
    || die "datamapper import failed in run $run (exit $?): $(tail -n 20 "$LOGS/dm-run-$run.err"; tail -c 2000 "$LOGS/dm-run-$run.json")"
  t1="$(now)"
  check_count bench_dm "datamapper run $run" "$EXPECTED"
  local took own
  took="$(elapsed "$t0" "$t1")"
  own="$(grep -o '"durationMs":[0-9]*' "$LOGS/dm-run-$run.json" | tail -n 1 | cut -d: -f2 || true)"
  if [ "$variant" = staging ]; then
    DM2_TIMES+=("$took")
    [ -n "$own" ] && DM2_OWN+=("$(awk -v ms="$own" 'BEGIN { printf "%.3f", ms / 1000 }')")
    printf '  run %s  dm staging   %8.3f s%s\n' "${run%-staging}" "$took" \
      "${own:+   (import itself $(awk -v ms="$own" 'BEGIN { printf "%.3f", ms / 1000 }') s)}"
    return
  fi
  DM_TIMES+=("$took")
  rss=""
  if [ -n "$TIME_V" ] && [ -f "$timefile" ]; then
    rss="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$timefile")"
    [ -n "$rss" ] && DM_RSS+=("$rss")
  fi
  # The import's own duration from its --json report (excludes JVM start-up and setup).
  own="$(grep -o '"durationMs":[0-9]*' "$LOGS/dm-run-$run.json" | tail -n 1 | cut -d: -f2 || true)"
  [ -n "$own" ] && DM_OWN+=("$(awk -v ms="$own" 'BEGIN { printf "%.3f", ms / 1000 }')")
  printf '  run %d  datamapper   %8.3f s%s%s\n' "$run" "${DM_TIMES[-1]}" \
    "${own:+   (import itself $(awk -v ms="$own" 'BEGIN { printf "%.3f", ms / 1000 }') s)}" "${rss:+   (peak RSS $rss MB)}"
}

# ---------------------------------------------------------------- checks
checksum_sql() {
  if [ "$KEYED" != 0 ] && [ "$1" = bench_psql ]; then
    # what a skip import keeps: the first row of each key in the file
    echo "SELECT md5(string_agg(md5(t::text), '' ORDER BY id)) FROM (SELECT DISTINCT ON (id) $COLLIST FROM bench_psql ORDER BY id, $FILE_ORDER) t"
  else
    echo "SELECT md5(string_agg(md5(t::text), '' ORDER BY id)) FROM (SELECT $COLLIST FROM $1) t"
  fi
}

column_types() {
  local names
  names="$(printf "'%s'," "${COLUMNS[@]}")"
  sql "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attname)
       FROM pg_attribute WHERE attrelid = '$1'::regclass AND attnum > 0 AND NOT attisdropped
       AND attname IN (${names%,})"
}

compare_tables() {
  local tp td cp cd
  tp="$(column_types bench_psql)" || die "cannot read the columns of bench_psql"
  td="$(column_types bench_dm)" || die "cannot read the columns of bench_dm"
  if [ "$tp" != "$td" ]; then
    echo "  bench_psql: $tp" >&2
    echo "  bench_dm:   $td" >&2
    die "bench_dm's column types differ from bench_psql's"
  fi
  cp="$(sql "$(checksum_sql bench_psql)")" || die "checksum of bench_psql failed"
  cd="$(sql "$(checksum_sql bench_dm)")" || die "checksum of bench_dm failed"
  echo "checksum bench_psql  $cp"
  echo "checksum bench_dm    $cd"
  if [ "$cp" != "$cd" ]; then
    local c counts=()
    for c in "${COLUMNS[@]}"; do
      [ "$c" = id ] && continue
      counts+=("count(*) FILTER (WHERE p.$c IS DISTINCT FROM d.$c) AS $c")
    done
    echo "rows whose value differs, per column (joined on id; rows missing on one side count in every column):" >&2
    psql -X -q -d "$PSQL_URI" -c "SELECT count(*) FILTER (WHERE p.id IS NULL OR d.id IS NULL) AS missing, $(IFS=,; echo "${counts[*]}")
      FROM bench_psql p FULL JOIN bench_dm d USING (id)" >&2 || true
    echo "first differing rows:" >&2
    psql -X -q -d "$PSQL_URI" -c "SELECT 'psql' AS src, * FROM (SELECT $COLLIST FROM bench_psql EXCEPT ALL SELECT $COLLIST FROM bench_dm ORDER BY id LIMIT 3) a
      UNION ALL SELECT 'dm', * FROM (SELECT $COLLIST FROM bench_dm EXCEPT ALL SELECT $COLLIST FROM bench_psql ORDER BY id LIMIT 3) b" >&2 || true
    die "CHECKSUM MISMATCH: bench_dm does not hold the same data as bench_psql"
  fi
}

# ---------------------------------------------------------------- main
[ "$SKIP_DM" = 1 ] || ensure_jar

if [ "$KEYED" != 0 ]; then
  echo "== Data Mapper keyed $RULE import vs psql \\copy =="
  echo "keyed        file repeats a key in 1 row of $DUP_EVERY; datamapper: keys [id], duplicateRow $RULE, into a table"
  echo "             already holding $SEED_KEYS of the keys (unique index); psql: same file into an empty table, no key"
else
  echo "== Data Mapper vs psql \\copy =="
fi
echo "file shape   $SHAPE ($(IFS=,; echo "${COLUMNS[*]}"))"
echo "rows         $ROWS ($(awk -v b="$CSV_BYTES" 'BEGIN { printf "%.1f MB", b / 1048576 }') CSV: $CSV)"
echo "runs         $RUNS per tool, alternating order"
echo "server       $(sql "SELECT split_part(version(), ' on ', 1)")"
echo "settings     $(sql "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
                         WHERE name IN ('shared_buffers', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'max_wal_size')")"
echo "java         $(java -version 2>&1 | head -n 1), -Xmx256m"
echo "machine      $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
echo "commit       $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo

cat "$CSV" >/dev/null   # same page-cache state for both tools
for ((run = 1; run <= RUNS; run++)); do
  if [ "$SKIP_DM" = 1 ]; then
    run_psql "$run"
  elif [ $((run % 2)) = 1 ]; then
    run_psql "$run"; run_dm "$run"
    [ "$COMPARE_STAGING" = 1 ] && run_dm "$run" staging
  else
    [ "$COMPARE_STAGING" = 1 ] && run_dm "$run" staging
    run_dm "$run"; run_psql "$run"
  fi
done

echo
P_MED="$(median "${PSQL_TIMES[@]}")"
printf '%-12s runs: %s   median %.3f s   %s rows/s\n' "psql" "${PSQL_TIMES[*]}" "$P_MED" "$(rate "$ROWS" "$P_MED")"
if [ "$SKIP_DM" = 1 ]; then
  echo "checksum bench_psql  $(sql "$(checksum_sql bench_psql)")"
  echo "datamapper: skipped (--psql-only)"
  exit 0
fi
D_MED="$(median "${DM_TIMES[@]}")"
printf '%-12s runs: %s   median %.3f s   %s rows/s\n' "datamapper" "${DM_TIMES[*]}" "$D_MED" "$(rate "$ROWS" "$D_MED")"
if [ "${#DM_OWN[@]}" -eq "${#DM_TIMES[@]}" ]; then
  echo "datamapper durationMs from --json (no JVM start-up): ${DM_OWN[*]}   median $(median "${DM_OWN[@]}") s"
fi
if [ "${#DM2_TIMES[@]}" -gt 0 ]; then
  S_MED="$(median "${DM2_TIMES[@]}")"
  printf '%-12s runs: %s   median %.3f s   import itself median %s s\n' "dm staging" "${DM2_TIMES[*]}" "$S_MED" "$(median "${DM2_OWN[@]:-0}")"
  echo "ratio dm staging/psql (medians): $(awk -v d="$S_MED" -v p="$P_MED" 'BEGIN { printf "%.3f", d / p }')   direct/staging: $(awk -v d="$D_MED" -v s="$S_MED" 'BEGIN { printf "%.3f", d / s }')"
fi
if [ "${#DM_RSS[@]}" -gt 0 ]; then
  echo "datamapper peak RSS: $(printf '%s MB ' "${DM_RSS[@]}")(max $(printf '%s\n' "${DM_RSS[@]}" | sort -n | tail -n 1) MB)"
fi
RATIO="$(awk -v d="$D_MED" -v p="$P_MED" 'BEGIN { printf "%.3f", d / p }')"
TARGET=1.0                 # issue #18: plain CSV at most 1.0x \copy, start-up included
[ "$KEYED" != 0 ] && TARGET=1.5
VERDICT="$(awk -v r="$RATIO" -v t="$TARGET" 'BEGIN { if (r < 1) print "datamapper is faster"; else if (r <= t) print "within the " t " target"; else print "ABOVE the " t " target" }')"
echo "ratio datamapper/psql (medians): $RATIO  ($VERDICT)"
echo
echo "row counts: bench_psql $ROWS, bench_dm $EXPECTED (checked after every run)"
compare_tables
echo "checksums match"
if [ -n "$MAX_RATIO" ] && awk -v r="$RATIO" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
  die "ratio $RATIO is above MAX_RATIO=$MAX_RATIO"
fi
