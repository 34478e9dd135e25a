#!/usr/bin/env bash
# The soak: N randomized fault scenarios of the seed pipeline (default 20), seeds counted up from SEED (default:
# drawn from the clock; a scenario's seed repeats its choices). Further arguments go to Maven, e.g.
# -Dsoak.restarts=OLD_SAVEPOINT to draw only that restart. Prints each scenario as it ends and, last, one line:
#   N runs, L rows lost, D rows doubled, T lingering transactions, F unexpected failures
# Exits non-zero unless all four are zero. Scenarios that went wrong keep their directory in
# e2e-tests/pipeline-e2e/target/soak; the Maven output is in target/soak-maven.log.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-20}"
seed="${2:-$(( $(date +%s) % 1000000 ))}"
report=e2e-tests/pipeline-e2e/target/soak/report.txt
log=target/soak-maven.log
summary='^[0-9]* runs, '
mkdir -p target
rm -f "$report"
# the test writes the report; follow it (by name: it does not exist yet) until this script ends, all but the
# summary, which is printed last
tail -n +1 -F --pid=$$ "$report" 2>/dev/null | grep --line-buffered -v "$summary" &
status=0
mvn -B -pl e2e-tests/pipeline-e2e -am verify -Dtest=SoakE2eTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DexcludedGroups=none -Dsoak.runs="$runs" -Dsoak.seed="$seed" "${@:3}" >"$log" 2>&1 || status=$?
sleep 1
if ! grep -q "$summary" "$report" 2>/dev/null; then
    echo "The soak did not finish; the end of $log:"
    tail -n 40 "$log"
    exit 1
fi
grep "$summary" "$report" | tail -n 1
exit "$status"
