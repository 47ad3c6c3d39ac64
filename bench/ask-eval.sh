#!/usr/bin/env bash
# Execution accuracy of `datamapper ask` on a small generated shop (customers, products, orders,
# order items, imported through the real importer so the ledger knows their files): 34 questions
# with expected result sets (engine/src/test/resources/ask-eval/questions.yaml: joins, grouping,
# dates, top-N, the ledger). Uses whichever model the environment configures (ANTHROPIC_API_KEY,
# OPENAI_BASE_URL/OPENAI_API_KEY, OLLAMA_BASE_URL; DATAMAPPER_LLM, DATAMAPPER_LLM_MODEL); with
# none, a scripted model that answers with the expected SQL checks the plumbing (must be 100 %).
# MIN_ACCURACY=80 bench/ask-eval.sh also fails below that accuracy with a real model.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./jdk.sh
args=(-B -q -pl engine -am test -Dtest=AskEvalTest -Dsurefire.failIfNoSpecifiedTests=false)
if [ -n "${ANTHROPIC_API_KEY:-}${OPENAI_API_KEY:-}${OPENAI_BASE_URL:-}${OLLAMA_BASE_URL:-}" ] && [ "${DATAMAPPER_LLM:-}" != "none" ]; then
  args+=(-DaskEval.model=env)
  [ -n "${MIN_ACCURACY:-}" ] && args+=("-DaskEval.min=${MIN_ACCURACY}")
else
  echo "No model configured (ANTHROPIC_API_KEY, OPENAI_BASE_URL/OPENAI_API_KEY, OLLAMA_BASE_URL): running the scripted plumbing check." >&2
fi
rm -f engine/target/ask-eval.txt
log=$(mktemp)
status=0
./mvnw "${args[@]}" >"$log" 2>&1 || status=$?
if [ -f engine/target/ask-eval.txt ]; then cat engine/target/ask-eval.txt; else cat "$log"; fi
rm -f "$log"
exit $status
