#!/usr/bin/env bash
# Quick start: sharded MySQL tables merged into one Doris table, exactly once, with doris2pc.
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
# Other options: --pipeline FILE, --work-dir DIR, --checkpoint-interval 2s, --timeout 3min.
# MVN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")"

echo "[quickstart] Building the doris2pc connector, the Doris test server and the examples"
# One reactor run: the classpath resolves the modules just built, nothing is installed into ~/.m2.
mvn -B -q ${MVN_ARGS:-} -pl pipeline-examples -am -DskipTests \
    package dependency:build-classpath -Dmdep.outputFile=target/quickstart.classpath -Dmdep.includeScope=runtime

exec java -cp "pipeline-examples/target/classes:$(cat pipeline-examples/target/quickstart.classpath)" \
    io.doris2pc.examples.QuickStart --work-dir pipeline-examples/target/quickstart "$@"
