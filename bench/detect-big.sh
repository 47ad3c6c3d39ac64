#!/usr/bin/env bash
# Times `datamapper detect` on a big generated CSV (default 1.5 GB), wall clock including JVM
# start, over several runs; prints the file size, every run, the median and what detection
# sampled. Usage: bench/detect-big.sh [--size-mb N] [--runs N] [--file PATH]
# The file is generated once with bench/GenerateCsv.java (13 typed columns, quoted fields with
# embedded newlines) and kept for later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./jdk.sh
size_mb=${SIZE_MB:-1500}
runs=${RUNS:-5}
file=${FILE:-/tmp/detect-big.csv}
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --file) file=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
want=$((size_mb * 1000 * 1000))
have=$(stat -c %s "$file" 2>/dev/null || echo 0)
if [ "$have" -lt "$want" ]; then
  rows=$(( want / 183 + 1 ))   # GenerateCsv writes about 184 bytes a row
  echo "generating $file: $rows rows (~${size_mb} MB)..." >&2
  "$JAVA_HOME/bin/java" bench/GenerateCsv.java "$rows" "$file" >&2
fi
export DATAMAPPER_DATA_DIR=${DATAMAPPER_DATA_DIR:-/tmp/detect-dm-data}
./datamapper detect samples/orders.csv >/dev/null  # builds the jar when sources changed
bytes=$(stat -c %s "$file")
echo "file: $file, $bytes bytes ($((bytes / 1000000)) MB)"
times=()
cpus=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o /tmp/detect-big.cpu ./datamapper detect "$file" >/tmp/detect-big.out
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' /tmp/detect-big.cpu)
  times+=("$ms")
  cpus+=("$cpu")
  echo "run $i: ${ms} ms wall, ${cpu} ms CPU (user+sys)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: $(median "${times[@]}") ms wall, $(median "${cpus[@]}") ms CPU over $runs runs (JVM start included)"
echo "machine load while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
grep -m1 "^# sampled" /tmp/detect-big.out || true
