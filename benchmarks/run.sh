#!/usr/bin/env bash
# Regenerates BENCHMARKS.md at the repository root: builds the benchmarks module and what it
# depends on (offline, tests skipped), then runs every section.
#   benchmarks/run.sh            full mode (about 10-15 minutes)
#   benchmarks/run.sh --quick    quick mode (under two minutes)
# Further arguments go to io.trigger4j.benchmarks.Benchmarks: --out <file>, --only <section>.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests -Dmaven.javadoc.skip=true -pl benchmarks -am
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx1g -XX:+UseG1GC -Dbenchmarks.command="benchmarks/run.sh $*" \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks-classpath.txt)" \
  io.trigger4j.benchmarks.Benchmarks "$@"
