#!/usr/bin/env bash
# Benchmark: doris2pc next to the official Flink CDC Doris pipeline connector 3.2.0 (2PC and batch mode), same
# machine, same run, same Doris test server (counting mode), same data. Prints Markdown tables on stdout.
#
#   ./benchmark.sh            full run: 3 rounds of the sink path, memory, 2 rounds end to end, a whole database
#                             (about 40 min)
#   ./benchmark.sh --quick    smoke run of a few minutes
#   ./benchmark.sh --only many-tables   a whole database of 1,000 tables, doris2pc next to the official 2PC sink
#                             at parallelism 1, 2, 4 and checkpoints every 1 s and 10 s (about 17 min)
#
# Other options: --rounds N, --only sink-path|end-to-end|many-tables, --jfr (a flight recording per child JVM),
# --work-dir DIR (default benchmarks/target/benchmark); for the whole database: --whole-db-sinks SINK,SINK
# --whole-db-parallelisms N,N --whole-db-checkpoint-seconds N,N --whole-db-measured-only (no counted or probed
# tables). MVN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")"

echo "[benchmark] Building the connector, the Doris test server and the benchmarks" >&2
# One reactor run: the classpath resolves the modules just built, nothing is installed into ~/.m2.
# jansi.noreset: Maven 3.8 with -q would otherwise print stray terminal reset codes into the tables on stdout.
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
mvn -B -q ${MVN_ARGS:-} -pl benchmarks -am -DskipTests \
    package dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=runtime

exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
    io.doris2pc.benchmarks.Benchmark "$@"
