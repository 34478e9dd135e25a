#!/usr/bin/env bash
# The soak: N randomized fault scenarios of the seed pipeline (default 20), seeds counted up from SEED (default:
# drawn from the clock; a run's seed repeats its choices). Prints each run as it ends and, last, one line:
#   N runs, L rows lost, D rows doubled, T lingering transactions, F unexpected failures
# Exits non-zero unless all four are zero. Runs of the failed scenarios stay in e2e-tests/pipeline-e2e/target/soak.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-20}"
seed="${2:-$(( $(date +%s) % 1000000 ))}"
report=e2e-tests/pipeline-e2e/target/soak/report.txt
log=target/soak-maven.log
mkdir -p target "$(dirname "$report")"
rm -f "$report"
touch "$report"
tail -n +1 -F "$report" 2>/dev/null | grep --line-buffered -v '^[0-9]* runs, ' &
tail_pid=$!
status=0
mvn -B -pl e2e-tests/pipeline-e2e -am verify -Dtest=SoakE2eTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DexcludedGroups=none -Dsoak.runs="$runs" -Dsoak.seed="$seed" >"$log" 2>&1 || status=$?
sleep 1
kill "$tail_pid" 2>/dev/null || true
wait "$tail_pid" 2>/dev/null || true
if ! grep -q '^[0-9]* runs, ' "$report"; then
    echo "The soak did not finish; the end of $log:"
    tail -n 40 "$log"
    exit 1
fi
grep '^[0-9]* runs, ' "$report" | tail -n 1
exit "$status"
