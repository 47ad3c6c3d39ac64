# Sourced by the benchmarks: a throwaway PostgreSQL (newest /usr/lib/postgresql/*/bin) on a
# free loopback port with a temp data dir, stopped and removed on exit. Needs die(), note()
# and LOGS from the caller; the caller may define bench_drop_tables() for runs with --db.
# PG_LOG_STATEMENTS=1 logs every statement with its duration and keeps the log in $LOGS/server.log.
# ---------------------------------------------------------------- database
PG_TMP=""
PG_BIN=""
PG_PORT=""
AS_PG=()

cleanup() {
  local rc=$?
  if [ -n "$PG_TMP" ]; then
    [ "${PG_LOG_STATEMENTS:-0}" = 1 ] && { cp "$PG_TMP/server.log" "$LOGS/server.log" 2>/dev/null || true; }
    if [ -f "$PG_TMP/data/postmaster.pid" ]; then
      (cd / && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 60 stop >/dev/null 2>&1) \
        || (cd / && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    rm -rf "$PG_TMP"
  elif declare -F bench_drop_tables >/dev/null; then
    bench_drop_tables
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] \
    || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql), or pass --db"
  local owner
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' OS user to run the server as (initdb refuses root)"
    AS_PG=(runuser -u postgres --)
    owner=postgres
  else
    owner="$(id -un)"
  fi
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/dm-bench-pg.XXXXXX")"
  chown "$owner" "$PG_TMP"
  chmod 700 "$PG_TMP"
  (cd / && "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --no-locale) \
    >"$LOGS/initdb.log" 2>&1 || die "initdb failed, see $LOGS/initdb.log"
  local tries=0
  while :; do
    PG_PORT=$(( 20000 + (RANDOM % 20000) ))
    port_in_use "$PG_PORT" && continue
    # Defaults on purpose (fsync, synchronous_commit, full_page_writes, wal_level all stay on
    # their defaults); only shared_buffers is raised, for both loaders alike.
    cat >>"$PG_TMP/data/postgresql.conf" <<EOF

# Data Mapper benchmark
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_TMP'
shared_buffers = 256MB
EOF
    # PG_LOG_STATEMENTS=1: every statement with its duration, kept as $LOGS/server.log
    [ "${PG_LOG_STATEMENTS:-0}" = 1 ] && echo "log_min_duration_statement = 0" >>"$PG_TMP/data/postgresql.conf"
    if (cd / && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 start) >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    [ $tries -lt 5 ] || { cp "$PG_TMP/server.log" "$LOGS/server.log" 2>/dev/null || true; die "PostgreSQL did not start, see $LOGS/server.log"; }
  done
  psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE bench" >/dev/null \
    || die "cannot create database bench"
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bench?user=postgres"
  note "started PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_TMP, removed on exit)"
}

