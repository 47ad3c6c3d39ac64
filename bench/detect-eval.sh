#!/usr/bin/env bash
# Runs detection over the labeled corpus (engine/src/test/resources/detect-corpus) and prints
# dialect, header, skipRows and column-type accuracy, the dialect accuracy per labeled delimiter and
# per issue #14 miss class (detect-corpus/miss-classes.csv), and every miss. Fails when an accuracy
# is below the floors in DetectCorpusTest.
#   bench/detect-eval.sh                 this tree's detection
#   bench/detect-eval.sh --against REF   also the detection of git REF (e.g. main) on this tree's
#                                        corpus and labels: the "before" figures
set -euo pipefail
cd "$(dirname "$0")/.."
. ./jdk.sh
against=""
if [ "${1:-}" = "--against" ]; then against=${2:?usage: --against GIT_REF}; fi
status=0
./mvnw -B -q -pl engine -am test -Dtest=DetectCorpusTest -Dsurefire.failIfNoSpecifiedTests=false >/tmp/detect-eval.$$.log 2>&1 || status=$?
if [ -f engine/target/detect-eval.txt ]; then cat engine/target/detect-eval.txt; else cat /tmp/detect-eval.$$.log; fi
rm -f /tmp/detect-eval.$$.log
if [ -n "$against" ]; then
  tmp=$(mktemp -d)
  git archive "$against" engine/src/main | tar -x -C "$tmp"
  ./mvnw -B -q -o -pl engine dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >/dev/null
  (cd "$tmp/engine/src/main" && find java -name '*.java' >"$tmp/files.txt" \
    && "$JAVA_HOME/bin/javac" -nowarn -cp "$(cat "$tmp/cp.txt")" -d "$tmp/classes" @"$tmp/files.txt" \
    && cp -r resources/. "$tmp/classes/")
  echo
  echo "=== detection of $against ($(git rev-parse --short "$against")) on this corpus"
  "$JAVA_HOME/bin/java" -cp "$tmp/classes:engine/target/test-classes:$(cat "$tmp/cp.txt")" \
    io.datamapper.detect.CorpusEvaluation 2>/dev/null | grep -v -E '^(SLF4J|WARNING)'
  rm -rf "$tmp"
fi
exit $status
