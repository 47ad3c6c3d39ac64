# Sourced by the API benchmarks (api-load.sh, upload-load.sh): one `datamapper serve` node with an
# importer API key on a free loopback port, against DB_URL, logging to $WORK/server.log, stopped
# on exit. Needs ROOT, WORK, DB_URL, die() and note() from the caller; sets KEY, BASE, SERVER_PID.
# Extra JVM options for the node: NODE_JAVA_OPTS (e.g. -Xmx512m).
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

start_node() {
  local node="$1" key_out port
  key_out="$("$ROOT/datamapper" keys new --role importer)"
  KEY="$(sed -n 's/^API key[^:]*: //p' <<<"$key_out")"
  export DATAMAPPER_API_KEYS="$(sed -n 's/^Server entry[^:]*: //p' <<<"$key_out")"
  port=$(( 20000 + (RANDOM % 20000) ))
  DATAMAPPER_JAVA_OPTS="${NODE_JAVA_OPTS:-} ${DATAMAPPER_JAVA_OPTS:-}" "$ROOT/datamapper" serve --port "$port" --db "$DB_URL" \
    --staging-dir "$WORK/staging" --node "$node" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    grep -q "serving on" "$WORK/server.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server exited"; }
    sleep 0.2
  done
  grep -q "serving on" "$WORK/server.log" || die "the server did not start in 120 s (see $WORK/server.log)"
  BASE="http://127.0.0.1:$port"
}
