#!/usr/bin/env bash
# Builds and runs the policy engine's JMH benchmarks (src/jmh/java). Arguments go to JMH, for example:
#   policy-engine/bench/jmh.sh DecideBenchmark.warmSession -p workloads=10000 -p sites=1000 -p rules=20
set -euo pipefail
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl policy-engine -Pjmh test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$MODULE/target/jmh.classpath" >&2
CP="$MODULE/target/jmh-classes:$MODULE/target/classes:$(cat "$MODULE/target/jmh.classpath")"
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
