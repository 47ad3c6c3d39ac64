#!/usr/bin/env bash
# Runs detection over the labeled corpus (engine/src/test/resources/detect-corpus) and prints
# dialect, header, skipRows and column-type accuracy and every miss. Fails when an accuracy is
# below the floors in DetectCorpusTest.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./jdk.sh
status=0
./mvnw -B -q -pl engine -am test -Dtest=DetectCorpusTest -Dsurefire.failIfNoSpecifiedTests=false >/tmp/detect-eval.$$.log 2>&1 || status=$?
if [ -f engine/target/detect-eval.txt ]; then cat engine/target/detect-eval.txt; else cat /tmp/detect-eval.$$.log; fi
rm -f /tmp/detect-eval.$$.log
exit $status
