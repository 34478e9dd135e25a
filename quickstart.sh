#!/usr/bin/env bash
# Quick start: sharded MySQL tables merged into one Doris table, exactly once, with doris2pc.
#
# Usage: ./quickstart.sh [--option value]...
#
# Needs only a JDK (11+) and Maven: no Docker, no root. By default an embedded MariaDB (loaded with
# pipeline-examples/src/main/resources/emp_shards.sql) and the project's Doris test server run inside the JVM;
# the pipeline is pipeline-examples/mysql-shards-to-doris.yaml, run by the real Flink CDC 3.2.0 composer in a
# local Flink MiniCluster with a checkpoint every 2 s.
#
#   ./quickstart.sh
#   ./quickstart.sh --mysql-host db.example.com --mysql-user cdc --mysql-password secret \
#                   --doris-fenodes fe.example.com:8030 --doris-query-port 9030 --doris-password secret
#
# Options:
#   --mysql-host HOST            a real MySQL (binlog on, ROW format) instead of the embedded MariaDB; it is loaded
#                                with emp_shards.sql unless it already has a database emp_1
#   --mysql-port PORT            default 3306
#   --mysql-user USER            default root
#   --mysql-password PASSWORD    default empty
#   --doris-fenodes HOST:PORT    a real Doris FE's HTTP address instead of the Doris test server
#   --doris-query-port PORT      the FE's MySQL protocol port, to read the table back; default 9030
#   --doris-user USER            default root
#   --doris-password PASSWORD    default empty
#   --pipeline FILE              default pipeline-examples/mysql-shards-to-doris.yaml
#   --work-dir DIR               the embedded MariaDB and the checkpoints; default pipeline-examples/target/quickstart
#   --checkpoint-interval TIME   default 2s
#   --timeout TIME               how long each step waits for Doris; default 3min
#   --help                       prints this text
#
# MVN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")"

for arg in "$@"; do
    if [[ $arg == --help || $arg == -h ]]; then
        # the comment above, from "Quick start" to "builds offline"
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
        exit 0
    fi
done

echo "[quickstart] Building the doris2pc connector, the Doris test server and the examples"
# One reactor run: the classpath resolves the modules just built, nothing is installed into ~/.m2.
# jansi.noreset: Maven 3.8 with -q would otherwise print stray terminal reset codes.
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
mvn -B -q ${MVN_ARGS:-} -pl pipeline-examples -am -DskipTests \
    package dependency:build-classpath -Dmdep.outputFile=target/quickstart.classpath -Dmdep.includeScope=runtime

exec java -cp "pipeline-examples/target/classes:$(cat pipeline-examples/target/quickstart.classpath)" \
    io.doris2pc.examples.QuickStart --work-dir pipeline-examples/target/quickstart "$@"
